package dev.warden.inventory;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What is known of one endpoint, updated by every request that reaches it, concurrently and without a lock (sampled
 * shapes, a few per endpoint, take the endpoint's lock). Every collection is bounded.
 */
final class EndpointStats {

    /** Distinct statuses, decisions, auth methods and routes kept per endpoint at most. */
    static final int MAX_DISTINCT = 32;

    private final EndpointKey key;
    private volatile boolean fromFramework;
    private final LongAdder calls = new LongAdder();
    private final LongAdder served = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> denials = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Set<String> auth = ConcurrentHashMap.newKeySet();
    private final Set<String> routes = ConcurrentHashMap.newKeySet();
    private volatile boolean covered;
    private final AtomicLong firstSeen;
    private final AtomicLong lastSeen;
    /** Sampled shapes by status; guarded by this. */
    private final Map<Integer, Shape> shapes = new TreeMap<>();

    EndpointStats(EndpointKey key, boolean fromFramework, Instant time) {
        this.key = key;
        this.fromFramework = fromFramework;
        this.firstSeen = new AtomicLong(time.toEpochMilli());
        this.lastSeen = new AtomicLong(time.toEpochMilli());
    }

    EndpointKey key() {
        return key;
    }

    void record(Observation o, boolean framework) {
        calls.increment();
        long t = o.time().toEpochMilli();
        // written only when they move: a busy endpoint's requests do not all contend on the same two fields
        if (t < firstSeen.get()) firstSeen.accumulateAndGet(t, Math::min);
        if (t > lastSeen.get()) lastSeen.accumulateAndGet(t, Math::max);
        count(statuses, o.status());
        if (framework && !fromFramework) fromFramework = true;
        if (o.served()) {
            served.increment();
            // only what the application served says whether a route covers it (a refusal may have no route at all)
            boolean now = o.routeId() != null;
            if (covered != now) covered = now;
            if (o.routeId() != null) add(routes, o.routeId());
            if (o.authMethods().isEmpty()) add(auth, "none");
            else for (String m : o.authMethods()) add(auth, m);
        }
        if (!"allow".equals(o.decision())) count(denials, o.decision());
    }

    /** Adds what was counted for this endpoint before it was known (requests Warden refused). */
    void absorb(EndpointStats earlier) {
        calls.add(earlier.calls.sum());
        firstSeen.accumulateAndGet(earlier.firstSeen.get(), Math::min);
        lastSeen.accumulateAndGet(earlier.lastSeen.get(), Math::max);
        earlier.statuses.forEach((s, n) -> add(statuses, s, n.sum()));
        earlier.denials.forEach((d, n) -> add(denials, d, n.sum()));
    }

    /** A sampled response's shape, merged into what is known of this status. */
    synchronized void shape(int status, Shape sampled) {
        if (sampled.isEmpty()) return;
        Shape shape = shapes.get(status);
        if (shape == null) {
            if (shapes.size() >= MAX_DISTINCT) return;
            shape = new Shape();
            shapes.put(status, shape);
        }
        shape.merge(sampled);
    }

    long calls() {
        return calls.sum();
    }

    synchronized EndpointView view() {
        Map<String, Long> d = new TreeMap<>();
        denials.forEach((k, v) -> d.put(k, v.sum()));
        TreeMap<Integer, ResponseView> responses = new TreeMap<>();
        statuses.forEach((status, n) -> {
            Shape shape = shapes.get(status);
            responses.put(status, new ResponseView(n.sum(), shape == null ? null : shape.view()));
        });
        return new EndpointView(key.method(), key.path(), fromFramework, calls.sum(), served.sum(), d, responses,
                new TreeSet<>(auth), new TreeSet<>(routes), covered, Instant.ofEpochMilli(firstSeen.get()),
                Instant.ofEpochMilli(lastSeen.get()));
    }

    private static <K> void count(ConcurrentHashMap<K, LongAdder> counts, K key) {
        add(counts, key, 1);
    }

    private static <K> void add(ConcurrentHashMap<K, LongAdder> counts, K key, long n) {
        LongAdder adder = counts.get(key);
        if (adder == null) {
            if (counts.size() >= MAX_DISTINCT) return;
            adder = counts.computeIfAbsent(key, k -> new LongAdder());
        }
        adder.add(n);
    }

    private static void add(Set<String> set, String value) {
        if (set.size() < MAX_DISTINCT || set.contains(value)) set.add(value);
    }
}
