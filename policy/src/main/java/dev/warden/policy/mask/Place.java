package dev.warden.policy.mask;

import dev.warden.policy.model.FieldRule;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A place in the documents one plan masks, and what the plan decides there, worked out once. A place is a path with
 * its array indexes folded ({@code $.orders[].id}): the records of an array, and the responses of a route, repeat
 * the same few places, so after the first record a member costs a map lookup instead of matching every selector
 * against its path. Folding is exact only while no selector names an index ({@code [2]}); the plan then hands out
 * places that are not remembered, and so it does past
 * {@link MaskPlan#MAX_PLACES} places (a document with ever-new property names must not grow the heap).
 *
 * <p>Shared by every response of the plan, on any thread: the decisions are final, children are published
 * through a concurrent map, and two threads that create the same child at once compute the same thing.
 */
final class Place {

    /** The first rule that selects this place by place alone (no Java type), or -1. */
    final int rule;
    /** The detecting rules selecting this place that come before {@link #rule} (all of them when it is -1); null: none. */
    final List<FieldRule> detectors;
    /** allowFields selects this place. */
    final boolean allowMatch;
    /** allowFields may select something below this place (a container here must stay). */
    final boolean allowBelow;
    /** The property name of a member's place; null for the document and for array elements. */
    final String name;

    private final MaskPlan plan;
    /** Null when this place is not remembered: then neither are its children. */
    private final ConcurrentHashMap<String, Place> members;
    private volatile Place element;
    /** Members by their name's raw bytes, for the wire engine (a hit costs no decoding): an open-addressing table. */
    private volatile RawName[] rawNames = new RawName[0];
    private int rawCount;

    private static final int MAX_RAW_NAMES = 1024;
    /** At most this many members are remembered in {@link #order}. */
    static final int MAX_ORDER = 64;

    /**
     * The member places of the first whole object seen here, in order: the next object here most likely has the
     * same members in the same order (records in an array do), so the wire engine checks the k-th name against the
     * k-th of these before it looks the name up. Written once, then only read.
     */
    private volatile Order order;

    /**
     * The learned member order, flat for the lookup: for member k, {@code words[2k]} is the first eight bytes of its
     * raw name (zero-padded) and {@code words[2k + 1]} its length, or -1 when the wire engine never read it. One
     * array read per name, close together, instead of a chain of objects (the body streaming through the cache
     * pushes such chains out of it).
     */
    record Order(Place[] places, long[] words, boolean[] inert) {

        /**
         * The length of the k-th member's raw name, when the name starting at {@code b[off]} is that name followed
         * by a quote; else -1. Then {@code places[k]} is that member.
         */
        static int match(long[] words, Place[] places, int k, byte[] b, int off, int end) {
            if (k >= places.length) return -1;
            int n = (int) words[2 * k + 1];
            if (n < 0 || off + n >= end || b[off + n] != '"') return -1;
            if (off + 8 <= b.length) {
                long head = (long) LONGS.get(b, off);
                if (n < 8) head &= (1L << (n << 3)) - 1;
                if (head != words[2 * k]) return -1;
                if (n <= 8) return n;
            }
            return Arrays.equals(b, off, off + n, places[k].raw.bytes, 0, n) ? n : -1;
        }
    }

    /** No rule selects this place, by place or by detection (allowFields aside). */
    boolean inert() {
        return rule < 0 && detectors == null;
    }

    /** The learned member order, or null. */
    Order order() {
        return order;
    }
    /** How this member's name first appeared on the wire (null until the wire engine met it). */
    private volatile RawName raw;

    /**
     * A raw name: its first and last eight bytes (zero-padded, overlapping when shorter than 16) decide equality
     * for most names without a loop; longer names compare their bytes too.
     */
    private record RawName(byte[] bytes, long first, long last, Place place) {
        boolean is(long f, long l, byte[] b, int off, int len) {
            return first == f && last == l && bytes.length == len
                    && (len <= 16 || Arrays.equals(bytes, 0, len, b, off, off + len));
        }
    }

    /** The place of the value at {@code path}, which must be that place's path with some index in each array. */
    Place(MaskPlan plan, JsonPath path, boolean remembered) {
        this.plan = plan;
        this.name = path.depth() > 0 && path.top() instanceof String n ? n : null;
        this.rule = plan.structuralRule(path);
        this.detectors = plan.hasDetecting() ? detectorsBefore(plan, rule, path) : null;
        this.allowMatch = plan.hasAllow() && plan.allowMatches(path);
        this.allowBelow = plan.hasAllow() && plan.allowMayMatchBelow(path);
        this.members = remembered ? new ConcurrentHashMap<>() : null;
    }

    /** The detecting rules selecting {@code path} before rule {@code before} (all when it is -1); null when none. */
    static List<FieldRule> detectorsBefore(MaskPlan plan, int before, JsonPath path) {
        List<FieldRule> rules = plan.rules();
        int end = before < 0 ? rules.size() : before;
        List<FieldRule> found = null;
        for (int i = 0; i < end; i++) {
            FieldRule r = rules.get(i);
            if (!r.detecting() || !r.selects(path)) continue;
            if (found == null) found = new ArrayList<>(2);
            found.add(r);
        }
        return found;
    }

    /** The place of member {@code name} of the object here; {@code path} ends with that name. */
    Place member(String name, JsonPath path) {
        if (members == null) return new Place(plan, path, false);
        Place p = members.get(name);
        if (p != null) return p;
        if (!plan.reservePlace()) return new Place(plan, path, false);
        p = new Place(plan, path, true);
        Place prior = members.putIfAbsent(name, p);
        return prior != null ? prior : p;
    }

    /**
     * The place of member whose name is {@code len} raw bytes at {@code b[off]} (between the quotes, escapes as
     * written); {@code path}'s top segment is set to the decoded name.
     */
    Place member(byte[] b, int off, int len, JsonPath path) {
        long first = first(b, off, len);
        long last = last(b, off, len);
        RawName[] t = rawNames;
        int mask = t.length - 1;
        for (int i = hash(first, last) & mask; t.length > 0; i = (i + 1) & mask) {
            RawName e = t[i];
            if (e == null) break;
            if (e.is(first, last, b, off, len)) {
                path.replaceTop(e.place);
                return e.place;
            }
        }
        String decoded = JsonText.decode(b, off, len);
        path.replaceTop(decoded);
        Place p = member(decoded, path);
        if (p.members != null && members != null) {
            RawName r = new RawName(Arrays.copyOfRange(b, off, off + len), first, last, p);
            if (p.raw == null) p.raw = r;
            rememberRaw(r);
        }
        return p;
    }

    boolean orderKnown() {
        return order != null || members == null;
    }

    /** Remembers the member order of a whole object here, once. */
    void learnOrder(Place[] members, int n) {
        if (order != null) return;
        int count = Math.min(n, MAX_ORDER);
        long[] words = new long[2 * count];
        boolean[] inert = new boolean[count];
        for (int k = 0; k < count; k++) {
            RawName r = members[k].raw;
            words[2 * k] = r == null ? 0 : r.first;
            words[2 * k + 1] = r == null ? -1 : r.bytes.length;
            inert[k] = members[k].inert();
        }
        order = new Order(Arrays.copyOf(members, count), words, inert);
    }

    private static long first(byte[] b, int off, int len) {
        return word(b, off, Math.min(8, len));
    }

    private static long last(byte[] b, int off, int len) {
        return len > 8 ? word(b, off + len - 8, 8) : len;
    }

    /** Adds a raw name (copy on write: readers never lock; names per place are few and settle early). */
    private synchronized void rememberRaw(RawName raw) {
        if (rawCount >= MAX_RAW_NAMES || !plan.reservePlace()) return;
        RawName[] t = rawNames;
        int capacity = t.length;
        while ((rawCount + 1) * 2 > capacity) capacity = Math.max(8, capacity * 2);
        RawName[] next = new RawName[capacity];
        for (RawName e : t) if (e != null) insert(next, e);
        if (!insert(next, raw)) return; // already there (another thread added it)
        rawCount++;
        rawNames = next;
    }

    private static boolean insert(RawName[] t, RawName e) {
        int mask = t.length - 1;
        for (int i = hash(e.first, e.last) & mask; ; i = (i + 1) & mask) {
            RawName x = t[i];
            if (x == null) {
                t[i] = e;
                return true;
            }
            if (x.is(e.first, e.last, e.bytes, 0, e.bytes.length)) return false;
        }
    }

    private static int hash(long first, long last) {
        long x = first * 0x9E3779B97F4A7C15L + last * 0xC2B2AE3D27D4EB4FL;
        return (int) (x ^ (x >>> 29) ^ (x >>> 47));
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** {@code n} (at most 8) bytes at {@code b[off]} as a little-endian long, zero above them. */
    private static long word(byte[] b, int off, int n) {
        if (n == 8) return (long) LONGS.get(b, off);
        if (off + 8 <= b.length) return (long) LONGS.get(b, off) & ((1L << (n << 3)) - 1);
        long w = 0;
        for (int i = n - 1; i >= 0; i--) w = w << 8 | b[off + i] & 0xFF;
        return w;
    }

    /** The remembered place of this array's elements, or null (not met yet, or not remembered). */
    Place knownElement() {
        return element;
    }

    /** The place of every element of the array here; {@code path} ends with an index. */
    Place element(JsonPath path) {
        Place p = element;
        if (p != null) return p;
        if (members == null || !plan.reservePlace()) return new Place(plan, path, false);
        p = new Place(plan, path, true);
        element = p; // a race only computes the same place twice
        return p;
    }
}
