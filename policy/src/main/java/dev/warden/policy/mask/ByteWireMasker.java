package dev.warden.policy.mask;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The wire engine, hand-written: a push-driven, byte-level rewriter of UTF-8 JSON. Bytes the rules do not touch
 * are copied as they are (numbers keep their text, whitespace and key order stay); a string is decoded only when
 * a rule needs its text, and a string passed through is streamed, never held. Memory is bounded by the largest
 * value a rule reads (and the longest property name).
 *
 * <p>Strict: the input must be one RFC 8259 JSON value (an empty body, which carries nothing, is let through), valid
 * UTF-8 without overlong forms or surrogates, at most {@link #MAX_DEPTH} levels deep. At the
 * first violation nothing more is written ({@link #failed()}; the write throws once), and what is still buffered
 * is dropped, so the caller can answer with an error instead.
 *
 * <p>Decisions come from the same {@link MaskCursor} the serializer hooks use. A member or element the cursor
 * drops takes its separating comma with it; the comma and whitespace before a kept member are written as they
 * were.
 */
public final class ByteWireMasker extends OutputStream {

    public static final int MAX_DEPTH = 1000;
    private static final int MAX_NUMBER = 100_000;
    private static final int OUT_SIZE = 8 * 1024;

    // what the grammar expects next
    private static final int VALUE = 0;          // a value (top level, after ':' or after ',' in an array)
    private static final int VALUE_OR_END = 1;   // after '['
    private static final int KEY_OR_END = 2;     // after '{'
    private static final int KEY = 3;            // after ',' in an object
    private static final int COLON = 4;
    private static final int COMMA_OR_END = 5;   // after a member or element

    // what the lexer is in the middle of
    private static final int L_NONE = 0;
    private static final int L_STRING = 1;
    private static final int L_NUMBER = 2;
    private static final int L_LITERAL = 3;

    // what happens to the bytes of the string being read
    private static final int S_PASS = 0;
    private static final int S_DROP = 1;
    private static final int S_COLLECT = 2;

    private final MaskCursor cursor;
    private final OutputStream target;
    private byte[] out = new byte[256]; // grows to OUT_SIZE: a small body costs a small buffer
    private int outLen;

    private int expect = VALUE;
    /** Container kinds, 1 = object, 2 = array; and per level whether a member was written (for commas). */
    private byte[] kinds = new byte[16];
    private boolean[] wroteMember = new boolean[16];
    /** Per level, for arrays the fast path opened: no rule touches a string, number or literal element here. */
    private boolean[] scalarElementsPass = new boolean[16];
    private int depth;
    /** Nesting of a container being dropped (its events still go to the cursor, nothing is written). */
    private int dropDepth;

    /** A member's separator and name (and what follows up to the value): written only once it is decided. */
    private byte[] held = new byte[256];
    private int heldLen;
    /** 0: nothing held; 1: a separator (comma + whitespace) is held; 2: a deferred name is held. */
    private int holding;
    private boolean nameDeferred;
    private boolean dropMember;

    private int lex = L_NONE;
    // string state
    private boolean isKey;
    private int sMode;
    private byte[] text = new byte[256];
    private int textLen;
    private boolean escape;
    private int hexLeft;
    private int utf8Left;
    private int utf8Min;
    private int utf8Max;
    // number / literal state
    private byte[] token = new byte[32];
    private int tokenLen;
    private byte[] literal;
    private int literalAt;

    private boolean seenValue;
    private boolean failed;
    private boolean reported;
    private boolean closed;

    public ByteWireMasker(MaskPlan plan, OutputStream target) {
        this.cursor = plan.newCursor();
        this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) throw new IOException("stream closed");
        if (failed) return;
        try {
            parse(b, off, off + len);
        } catch (Malformed e) {
            failed = true;
            outLen = 0;
            if (!reported) {
                reported = true;
                throw new JsonWireMasker.MalformedJsonException(e);
            }
        }
    }

    /** True when the input was not (complete, valid) JSON. */
    public boolean failed() {
        return failed;
    }

    public int valuesProtected() {
        return cursor.valuesProtected();
    }

    @Override
    public void flush() throws IOException {
        if (failed || closed) return;
        drainOut();
        target.flush();
    }

    /** Ends the document: what is masked goes out; an unfinished document fails and nothing more is written. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        if (failed) return;
        try {
            if (lex == L_NUMBER) endNumber();
            else if (lex != L_NONE) throw new Malformed("the document ends inside a token");
            // an empty body is no document and no error; a started one must be complete
            if (depth > 0 || seenValue && expect != COMMA_OR_END) throw new Malformed("the document ends early");
        } catch (Malformed e) {
            failed = true;
            outLen = 0;
            return;
        }
        drainOut();
        target.flush();
    }

    // ---- the parser -------------------------------------------------------------------------------------------

    private void parse(byte[] b, int p, int end) throws IOException, Malformed {
        while (p < end) {
            if (lex == L_NONE && holding == 0 && dropDepth == 0 && !dropMember) {
                int q = fast(b, p, end);
                if (q != p) {
                    p = q;
                    continue;
                }
                // the fast path could not take even one token: the general parser takes the next one
            }
            switch (lex) {
                case L_STRING -> p = string(b, p, end);
                case L_NUMBER -> p = number(b, p, end);
                case L_LITERAL -> p = literal(b, p, end);
                default -> p = between(b, p, end);
            }
        }
    }

    /** Whitespace and structure; starts tokens. */
    private int between(byte[] b, int p, int end) throws IOException, Malformed {
        while (p < end) {
            int c = b[p];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                // whitespace belongs to what it precedes when that is held, else it passes
                if (holding != 0) hold(b, p, 1);
                else if (dropDepth == 0 && !dropMember) emit(c);
                p++;
                continue;
            }
            switch (c) {
                case '{', '[' -> {
                    valueStart();
                    int d = c == '{' ? cursor.startObject() : cursor.startArray();
                    openContainer(c == '{' ? 1 : 2, d);
                    p++;
                }
                case '}', ']' -> {
                    closeContainer(c == '}' ? 1 : 2);
                    p++;
                }
                case ',' -> {
                    if (expect != COMMA_OR_END || depth == 0) throw new Malformed("unexpected ','");
                    expect = kinds[depth] == 1 ? KEY : VALUE;
                    dropMember = false;
                    if (dropDepth == 0) {
                        heldLen = 0;
                        holding = 1;
                        hold(b, p, 1);
                    }
                    p++;
                }
                case ':' -> {
                    if (expect != COLON) throw new Malformed("unexpected ':'");
                    expect = VALUE;
                    if (holding != 0) hold(b, p, 1);
                    else if (dropDepth == 0 && !dropMember) emit(':');
                    p++;
                }
                case '"' -> {
                    if (expect == KEY_OR_END || expect == KEY) {
                        startString(true);
                    } else {
                        valueStart();
                        startString(false);
                    }
                    p++;
                    return p;
                }
                case 't', 'f', 'n' -> {
                    valueStart();
                    literal = c == 't' ? TRUE : c == 'f' ? FALSE : NULL;
                    literalAt = 0;
                    lex = L_LITERAL;
                    return p;
                }
                default -> {
                    if (c == '-' || c >= '0' && c <= '9') {
                        valueStart();
                        tokenLen = 0;
                        lex = L_NUMBER;
                        return p;
                    }
                    throw new Malformed("unexpected byte " + (c & 0xFF));
                }
            }
        }
        return p;
    }

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    /** A value may start here. */
    private void valueStart() throws Malformed {
        if (expect == VALUE || expect == VALUE_OR_END) {
            expect = COMMA_OR_END;
            if (depth == 0) seenValue = true;
            return;
        }
        throw new Malformed(depth == 0 ? "more than one top-level value" : "a value is not expected here");
    }

    private void openContainer(int kind, int decision) throws IOException, Malformed {
        if (depth == MAX_DEPTH) throw new Malformed("nested deeper than " + MAX_DEPTH);
        // the held separator belongs to the enclosing container: settle it before entering the new one
        if (dropDepth > 0 || dropMember) {
            dropDepth++;
        } else if (decision == MaskCursor.SKIP) {
            releaseHeld(false);
            dropDepth = 1;
        } else if (decision == MaskCursor.REPLACE) {
            releaseHeld(true);
            emitString(cursor.replacement());
            dropDepth = 1;
        } else {
            releaseHeld(true);
            emit(kind == 1 ? '{' : '[');
        }
        pushLevel(kind);
    }

    private void pushLevel(int kind) {
        depth++;
        if (depth == kinds.length) {
            kinds = Arrays.copyOf(kinds, Math.min(MAX_DEPTH + 1, depth * 2));
            wroteMember = Arrays.copyOf(wroteMember, kinds.length);
            scalarElementsPass = Arrays.copyOf(scalarElementsPass, kinds.length);
        }
        scalarElementsPass[depth] = false;
        kinds[depth] = (byte) kind;
        wroteMember[depth] = false;
        expect = kind == 1 ? KEY_OR_END : VALUE_OR_END;
    }

    private void closeContainer(int kind) throws IOException, Malformed {
        if (depth == 0 || kinds[depth] != kind) throw new Malformed("unbalanced '" + (kind == 1 ? '}' : ']') + "'");
        if (expect == KEY || expect == COLON || expect == VALUE && depth > 0) throw new Malformed("a member is missing");
        int decision = cursor.endContainer();
        depth--;
        expect = COMMA_OR_END;
        // a held separator before '}' would be a trailing comma: caught above; whitespace held is dropped with it
        holding = 0;
        heldLen = 0;
        if (dropDepth > 0) {
            dropDepth--;
            return;
        }
        dropMember = false;
        if (decision == MaskCursor.EMIT) emit(kind == 1 ? '}' : ']');
    }

    /** Decides what the held separator (and deferred name) become, now that the next member or element is known. */
    private void releaseHeld(boolean written) throws IOException {
        if (holding == 0 || dropDepth > 0) {
            if (written && depth > 0 && dropDepth == 0) wroteMember[depth] = true;
            holding = 0;
            heldLen = 0;
            return;
        }
        if (written) {
            int from = 0;
            // the first member written in a container drops the separator's comma (earlier members were dropped)
            if (!wroteMember[depth] && heldLen > 0 && held[0] == ',') from = 1;
            emitBytes(held, from, heldLen - from);
            wroteMember[depth] = true;
        }
        holding = 0;
        heldLen = 0;
    }


    // ---- the fast path ----------------------------------------------------------------------------------------

    /**
     * The common case in one loop: while every decision is EMIT and every token lies whole in this chunk, the input
     * since {@code run} goes out in one piece instead of token by token. Anything else — a decision that changes
     * something, a token cut by the chunk's end, an escape or non-ASCII byte in a name, a comma after dropped
     * members, a syntax error — ends the loop at a point where the general parser takes over in exactly the state
     * it would have reached itself: a member or element not yet given to the cursor is re-read from its separator;
     * one already decided is handed over with its separator held. Returns where the general parser goes on.
     */
    private int fast(byte[] b, int p, int end) throws IOException, Malformed {
        int run = p;
        // where the current member or element starts (its comma, or its name or value), and `ex` there
        int sepStart = p;
        int sepExpect = this.expect;
        int ex = this.expect; // the field `ex`, kept in a local while the loop runs; written back wherever the loop ends
        // the member just named is one no rule can touch: a scalar value passes unreported
        boolean inert = false;
        loop:
        while (p < end) {
            int c = b[p];
            if (c == '"') {
                // the commonest byte here (names and string values): tested first, not through the switch
                if (ex == KEY_OR_END || ex == KEY) {
                    if (ex == KEY_OR_END) {
                        sepStart = p;
                        sepExpect = KEY_OR_END;
                    }
                    int q = passInertMembers(b, p, end);
                    if (q != p) {
                        wroteMember[depth] = true;
                        p = q;
                        if (b[q - 1] == ',') {
                            // stopped at the next member, after its comma
                            ex = KEY;
                            sepStart = q - 1;
                            sepExpect = COMMA_OR_END;
                        } else {
                            ex = COMMA_OR_END; // stopped after a value: '}' or whitespace follows
                        }
                        continue;
                    }
                    int close;
                    int d = cursor.fieldIfExpected(b, p + 1, end);
                    if (d >= 0) {
                        close = p + 1 + cursor.expectedNameLength();
                    } else {
                        close = plainStringEnd(b, p + 1, end);
                        if (close < 0 || b[close] != '"') {
                            ex = sepExpect;
                            p = sepStart;
                            break loop;
                        }
                        d = cursor.field(b, p + 1, close - p - 1);
                    }
                    ex = COLON;
                    if (d == MaskCursor.EMIT || d == MaskCursor.PASS) {
                        wroteMember[depth] = true;
                        inert = d == MaskCursor.PASS;
                        p = close + 1;
                        // the usual next byte, taken here rather than by another trip through the switch
                        if (p < end && b[p] == ':') {
                            ex = VALUE;
                            p++;
                        }
                        continue;
                    }
                    if (d == MaskCursor.SKIP) {
                        // the member goes whole; its value, when a whole scalar here, is read past (and reported)
                        int after = skipScalarMember(b, close + 1, end);
                        if (after >= 0) {
                            emitBytes(b, run, sepStart - run);
                            ex = COMMA_OR_END;
                            run = p = after;
                            continue;
                        }
                    }
                    // the member is decided otherwise: hand it over with its separator and name held
                    emitBytes(b, run, sepStart - run);
                    heldLen = 0;
                    hold(b, sepStart, close + 1 - sepStart);
                    holding = 1;
                    keyDecided(d);
                    this.expect = ex;
                    return close + 1;
                }
                if (ex != VALUE && ex != VALUE_OR_END) break loop;
                if (ex == VALUE_OR_END || depth == 0 || kinds[depth] == 1) {
                    sepStart = p;
                    sepExpect = ex;
                }
                ex = COMMA_OR_END;
                    if (depth == 0) seenValue = true;
                int d = inert || kinds[depth] == 2 && scalarElementsPass[depth] ? MaskCursor.EMIT : cursor.stringPending();
                inert = false;
                int close = plainStringEnd(b, p + 1, end);
                boolean whole = close >= 0 && b[close] == '"';
                if (whole && d == MaskCursor.NEED_TEXT) {
                    // printable ASCII without escapes: its bytes are its text
                    d = cursor.stringText(new String(b, p + 1, close - p - 1, StandardCharsets.ISO_8859_1));
                }
                if (whole && d == MaskCursor.REPLACE) {
                    emitBytes(b, run, p - run); // the separator and name stay: something is written
                    emitString(cursor.replacement());
                    if (depth > 0) wroteMember[depth] = true;
                    run = p = close + 1;
                    continue;
                }
                if (d != MaskCursor.EMIT) {
                    handOver(b, run, sepStart, p);
                    if (whole) {
                        leafOut(d, b, p, close + 1 - p);
                        this.expect = ex;
                        return close + 1;
                    }
                    beginString(false);
                    stringDecided(d);
                    this.expect = ex;
                    return p + 1;
                }
                if (depth > 0) wroteMember[depth] = true;
                if (whole) {
                    p = close + 1;
                    if (p < end && b[p] == ',' && depth > 0) {
                        sepStart = p;
                        sepExpect = COMMA_OR_END;
                        ex = kinds[depth] == 1 ? KEY : VALUE;
                        p++;
                    }
                    continue;
                }
                // an escape, a non-ASCII byte or the chunk's end: the general parser goes on with this string
                int at = close < 0 ? end : close;
                emitBytes(b, run, at - run);
                beginString(false);
                sMode = S_PASS;
                this.expect = ex;
                return at;
            }
            switch (c) {
                case ' ', '\n', '\r', '\t' -> p++;
                case ',' -> {
                    // after dropped members the comma must go: the general parser holds it
                    if (ex != COMMA_OR_END || depth == 0 || !wroteMember[depth]) break loop;
                    sepStart = p;
                    sepExpect = COMMA_OR_END;
                    ex = kinds[depth] == 1 ? KEY : VALUE;
                    p++;
                }
                case ':' -> {
                    if (ex != COLON) break loop;
                    ex = VALUE;
                    p++;
                }
                case '}', ']' -> {
                    int kind = c == '}' ? 1 : 2;
                    if (depth == 0 || kinds[depth] != kind || ex == KEY || ex == COLON || ex == VALUE) {
                        break loop; // the general parser says what is wrong
                    }
                    int d = cursor.endContainer();
                    depth--;
                    ex = COMMA_OR_END;
                    if (d != MaskCursor.EMIT) {
                        emitBytes(b, run, p - run);
                        run = p + 1;
                    }
                    p++;
                }
                case '{', '[' -> {
                    if (ex != VALUE && ex != VALUE_OR_END || depth == MAX_DEPTH) break loop;
                    if (ex == VALUE_OR_END || depth == 0 || kinds[depth] == 1) {
                        sepStart = p;
                        sepExpect = ex;
                    }
                    ex = COMMA_OR_END;
                    if (depth == 0) seenValue = true;
                    inert = false;
                    int kind = c == '{' ? 1 : 2;
                    int d = kind == 1 ? cursor.startObject() : cursor.startArray();
                    if (d != MaskCursor.EMIT) {
                        ex = ex;
                        handOver(b, run, sepStart, p);
                        openContainer(kind, d);
                        return p + 1;
                    }
                    if (depth > 0) wroteMember[depth] = true;
                    pushLevel(kind);
                    if (kind == 2) scalarElementsPass[depth] = cursor.scalarElementsPass();
                    ex = this.expect;
                    p++;
                    sepStart = p;
                    sepExpect = ex;
                }
                default -> {
                    if (ex != VALUE && ex != VALUE_OR_END) break loop;
                    if (ex == VALUE_OR_END || depth == 0 || kinds[depth] == 1) {
                        sepStart = p;
                        sepExpect = ex;
                    }
                    int stop = scalarEnd(b, p, end);
                    if (stop < 0) {
                        ex = sepExpect;
                        p = sepStart;
                        break loop;
                    }
                    ex = COMMA_OR_END;
                    if (depth == 0) seenValue = true;
                    int d = inert || kinds[depth] == 2 && scalarElementsPass[depth] ? MaskCursor.EMIT : scalar(b, p, stop);
                    inert = false;
                    if (d == MaskCursor.REPLACE) {
                        emitBytes(b, run, p - run);
                        emitString(cursor.replacement());
                        if (depth > 0) wroteMember[depth] = true;
                        run = p = stop;
                        break;
                    }
                    if (d != MaskCursor.EMIT) {
                        handOver(b, run, sepStart, p);
                        leafOut(d, b, p, stop - p);
                        this.expect = ex;
                        return stop;
                    }
                    if (depth > 0) wroteMember[depth] = true;
                    p = stop;
                    if (p < end && b[p] == ',' && depth > 0) {
                        sepStart = p;
                        sepExpect = COMMA_OR_END;
                        ex = kinds[depth] == 1 ? KEY : VALUE;
                        p++;
                    }
                }
            }
        }
        // a comma whose member or element has not started yet stays for the general parser to hold
        if (p == end && (ex == KEY || ex == VALUE && depth > 0 && kinds[depth] == 2)) {
            ex = sepExpect;
            p = sepStart;
        }
        emitBytes(b, run, p - run);
        this.expect = ex;
        return p;
    }

    /**
     * Records repeat: from a name at {@code p}, passes the members that follow the object's learned order, that no
     * rule touches and whose values are plain strings, numbers or literals, written compactly ({@code "name":value,})
     * and whole in this chunk — the usual bulk of a record — checking their bytes but without a decision per member
     * (the cursor is told how many). Returns where it stopped: at a member it did not pass (after that member's
     * comma), or after a value followed by something other than a comma; {@code p} when it passed none.
     */
    private int passInertMembers(byte[] b, int p, int end) {
        Place.Order order = cursor.passableOrder();
        if (order == null) return p;
        long[] words = order.words();
        boolean[] inert = order.inert();
        Place[] members = order.places();
        int first = cursor.memberIndex();
        int k = first;
        int q = p;
        while (k < inert.length && inert[k]) {
            if (b[q] != '"') break;
            int n = Place.Order.match(words, members, k, b, q + 1, end);
            int v = q + n + 3; // past '"', the name, '"' and ':'
            if (n < 0 || v >= end || b[v - 1] != ':') break;
            int c = b[v];
            int stop;
            if (c == '"') {
                int close = plainStringEnd(b, v + 1, end);
                if (close < 0 || b[close] != '"') break;
                stop = close + 1;
            } else if (c == '{' || c == '[') {
                break;
            } else {
                stop = scalarEnd(b, v, end);
                if (stop < 0) break;
            }
            if (stop >= end) break;
            k++;
            if (b[stop] != ',') {
                q = stop;
                break;
            }
            q = stop + 1;
        }
        if (k > first) cursor.passed(k - first);
        return q;
    }

    /** The cursor's decision on a whole number or literal at {@code b[p, stop)}. */
    private int scalar(byte[] b, int p, int stop) {
        int c = b[p];
        if (c == 't' || c == 'f' || c == 'n') return cursor.literal(c == 't' ? "true" : c == 'f' ? "false" : "null");
        int d = cursor.numberPending();
        return d == MaskCursor.NEED_TEXT ? cursor.numberText(new String(b, p, stop - p, StandardCharsets.US_ASCII)) : d;
    }

    /**
     * For a member the cursor dropped at its name: past the colon, its value and the whitespace after it, when the
     * value is a plain string, a number or a literal whole in this chunk (the cursor hears of the value, which it
     * skips); else -1, and the general parser drops the member.
     */
    private int skipScalarMember(byte[] b, int q, int end) {
        while (q < end && isSpace(b[q])) q++;
        if (q == end || b[q] != ':') return -1;
        q++;
        while (q < end && isSpace(b[q])) q++;
        if (q == end) return -1;
        int stop;
        if (b[q] == '"') {
            int close = plainStringEnd(b, q + 1, end);
            if (close < 0 || b[close] != '"') return -1;
            cursor.stringPending();
            stop = close + 1;
        } else if (b[q] == '{' || b[q] == '[') {
            return -1;
        } else {
            stop = scalarEnd(b, q, end);
            if (stop < 0) return -1;
            scalar(b, q, stop);
        }
        // whitespace after a dropped value goes with it, as in the general parser
        while (stop < end && isSpace(b[stop])) stop++;
        return stop;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /**
     * Writes the run up to the current member's or element's separator and holds that separator (an array
     * element's comma goes with the element), as the general parser would have it when a value is decided.
     */
    private void handOver(byte[] b, int run, int sepStart, int valueAt) throws IOException {
        int from = depth > 0 && kinds[depth] == 2 ? sepStart : valueAt;
        emitBytes(b, run, from - run);
        heldLen = 0;
        if (from < valueAt) {
            hold(b, from, valueAt - from);
            holding = 1;
        }
    }


    /**
     * Where a string starting at {@code p} (after its quote) stops being plain — printable ASCII without escapes —
     * which is its closing quote when it is plain throughout; -1 when it runs to the chunk's end.
     */
    private static int plainStringEnd(byte[] b, int p, int end) {
        // long strings sixteen bytes a round: two independent words, one branch
        while (p + 16 <= end) {
            long s1 = specialBytes((long) LONGS.get(b, p));
            long s2 = specialBytes((long) LONGS.get(b, p + 8));
            if ((s1 | s2) != 0) {
                return s1 != 0 ? p + (Long.numberOfTrailingZeros(s1) >>> 3) : p + 8 + (Long.numberOfTrailingZeros(s2) >>> 3);
            }
            p += 16;
        }
        while (p + 8 <= end) {
            long special = specialBytes((long) LONGS.get(b, p));
            if (special != 0) return p + (Long.numberOfTrailingZeros(special) >>> 3);
            p += 8;
        }
        while (p < end) {
            int c = b[p];
            if (c < 0x20 || c == '"' || c == '\\') return p;
            p++;
        }
        return -1;
    }

    /**
     * The end of a number or literal starting at {@code p}, when it is whole and valid in this chunk; else -1 (the
     * general parser reads it, across chunks, or says what is wrong).
     */
    private static int scalarEnd(byte[] b, int p, int end) {
        int c = b[p];
        if (c == 't') return end - p >= 4 && b[p + 1] == 'r' && b[p + 2] == 'u' && b[p + 3] == 'e' ? p + 4 : -1;
        if (c == 'f') {
            return end - p >= 5 && b[p + 1] == 'a' && b[p + 2] == 'l' && b[p + 3] == 's' && b[p + 4] == 'e' ? p + 5 : -1;
        }
        if (c == 'n') return end - p >= 4 && b[p + 1] == 'u' && b[p + 2] == 'l' && b[p + 3] == 'l' ? p + 4 : -1;
        // a number, read and checked in one pass: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        int q = p;
        if (c == '-') q++;
        if (q >= end) return -1;
        c = b[q];
        if (c == '0') {
            q++;
        } else if (c >= '1' && c <= '9') {
            q++;
            while (q < end && (c = b[q]) >= '0' && c <= '9') q++;
        } else {
            return -1;
        }
        if (q < end && b[q] == '.') {
            int digits = ++q;
            while (q < end && (c = b[q]) >= '0' && c <= '9') q++;
            if (q == digits) return -1;
        }
        if (q < end && (b[q] == 'e' || b[q] == 'E')) {
            q++;
            if (q < end && (b[q] == '+' || b[q] == '-')) q++;
            int digits = q;
            while (q < end && (c = b[q]) >= '0' && c <= '9') q++;
            if (q == digits) return -1;
        }
        // a number touching the chunk's end may go on in the next one; one followed by more number-like bytes
        // ("01", "1.2.3") is the general parser's to reject
        if (q >= end || q - p > MAX_NUMBER) return -1;
        c = b[q];
        if (c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') return -1;
        return q;
    }

    // ---- strings ----------------------------------------------------------------------------------------------

    private void beginString(boolean key) {
        lex = L_STRING;
        isKey = key;
        textLen = 0;
        escape = false;
        hexLeft = 0;
        utf8Left = 0;
    }

    private void startString(boolean key) throws IOException {
        beginString(key);
        if (key) {
            // a member starts: its separator (if any) is held already; the name is held with it
            if (dropDepth > 0) {
                sMode = S_DROP;
            } else {
                if (holding == 0) holding = 1;
                sMode = S_COLLECT;
                hold(QUOTE, 0, 1);
            }
            return;
        }
        if (dropDepth > 0 || dropMember) {
            sMode = S_DROP;
            cursor.stringPending(); // keeps the cursor's path in step; the answer is SKIP inside a dropped region
            return;
        }
        stringDecided(cursor.stringPending());
    }

    /** A string value's bytes pass, go, or are collected, as the cursor decided. */
    private void stringDecided(int d) throws IOException {
        if (d == MaskCursor.NEED_TEXT) {
            sMode = S_COLLECT;
        } else if (d == MaskCursor.EMIT) {
            releaseHeld(true);
            sMode = S_PASS;
            emit('"');
        } else {
            releaseHeld(d != MaskCursor.SKIP);
            if (d == MaskCursor.REPLACE) emitString(cursor.replacement());
            else if (depth > 0 && kinds[depth] == 1) dropMember = true;
            sMode = S_DROP;
        }
    }

    private static final byte[] QUOTE = {'"'};

    private int string(byte[] b, int p, int end) throws IOException, Malformed {
        int start = p;
        while (p < end) {
            // the common case first: printable ASCII that is neither a quote nor a backslash
            int c = b[p];
            if (c >= 0x20 && c != '"' && c != '\\' && !escape && utf8Left == 0) {
                p++;
                // eight bytes at a time while none is a quote, a backslash, a control character or non-ASCII
                while (p + 8 <= end) {
                    long special = specialBytes((long) LONGS.get(b, p));
                    if (special != 0) {
                        p += Long.numberOfTrailingZeros(special) >>> 3;
                        break;
                    }
                    p += 8;
                }
                while (p < end) {
                    c = b[p];
                    if (c < 0x20 || c == '"' || c == '\\') break;
                    p++;
                }
                if (p == end) break;
            }
            if (escape) {
                if (hexLeft > 0) {
                    if (!isHex(c)) throw new Malformed("bad \\u escape");
                    hexLeft--;
                } else {
                    switch (c) {
                        case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> { }
                        case 'u' -> hexLeft = 4;
                        default -> throw new Malformed("bad escape");
                    }
                }
                if (hexLeft == 0) escape = false;
                p++;
                continue;
            }
            if (utf8Left > 0) {
                int u = c & 0xFF;
                if (u < utf8Min || u > utf8Max) throw new Malformed("invalid UTF-8");
                utf8Min = 0x80;
                utf8Max = 0xBF;
                utf8Left--;
                p++;
                continue;
            }
            if (c == '"') {
                take(b, start, p);
                p++;
                endString();
                return p;
            }
            if (c == '\\') {
                escape = true;
                p++;
                continue;
            }
            if (c >= 0) throw new Malformed("a control character in a string");
            utf8Lead(c & 0xFF);
            p++;
        }
        take(b, start, p);
        return p;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * A high bit set in each byte of {@code w} (little-endian) that a string's fast path must stop at: '"', '\\',
     * below 0x20, or 0x80 and above. Exact for the lowest such byte (borrows only run upwards), which is all the
     * caller uses.
     */
    private static long specialBytes(long w) {
        long quote = w ^ (ONES * '"');
        long backslash = w ^ (ONES * '\\');
        return ((quote - ONES) & ~quote | (backslash - ONES) & ~backslash | (w - ONES * 0x20) & ~w) & HIGHS | w & HIGHS;
    }

    private static boolean isHex(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** A UTF-8 lead byte: how many continuation bytes follow and the range the first one must be in. */
    private void utf8Lead(int u) throws Malformed {
        utf8Min = 0x80;
        utf8Max = 0xBF;
        if (u >= 0xC2 && u <= 0xDF) {
            utf8Left = 1;
        } else if (u >= 0xE0 && u <= 0xEF) {
            utf8Left = 2;
            if (u == 0xE0) utf8Min = 0xA0;      // no overlong forms
            else if (u == 0xED) utf8Max = 0x9F; // no surrogates
        } else if (u >= 0xF0 && u <= 0xF4) {
            utf8Left = 3;
            if (u == 0xF0) utf8Min = 0x90;
            else if (u == 0xF4) utf8Max = 0x8F; // nothing above U+10FFFF
        } else {
            throw new Malformed("invalid UTF-8");
        }
    }

    /** The string's bytes [from, to) of this chunk: passed, dropped or collected. */
    private void take(byte[] b, int from, int to) throws IOException {
        int n = to - from;
        if (n == 0) return;
        if (sMode == S_PASS) {
            emitBytes(b, from, n);
        } else if (sMode == S_COLLECT) {
            if (isKey) hold(b, from, n);
            else {
                ensureText(n);
                System.arraycopy(b, from, text, textLen, n);
                textLen += n;
            }
        }
    }

    private void endString() throws IOException, Malformed {
        lex = L_NONE;
        if (escape || utf8Left > 0) throw new Malformed("unfinished escape or character");
        if (isKey) {
            endKey();
            return;
        }
        if (sMode == S_PASS) {
            emit('"');
        } else if (sMode == S_COLLECT) {
            String value = JsonText.decode(text, 0, textLen);
            int d = cursor.stringText(value);
            if (d == MaskCursor.EMIT) {
                releaseHeld(true);
                emit('"');
                emitBytes(text, 0, textLen);
                emit('"');
            } else {
                leafOut(d, text, 0, textLen);
            }
            if (text.length > 64 * 1024) text = new byte[256]; // do not keep a huge buffer for the rest
        }
    }

    private void endKey() throws IOException, Malformed {
        expect = COLON;
        if (sMode == S_DROP) {
            cursor.field("");
            return;
        }
        hold(QUOTE, 0, 1);
        // the name: held bytes after the separator's comma/whitespace and the opening quote
        int nameStart = heldNameStart();
        keyDecided(cursor.field(held, nameStart, heldLen - 1 - nameStart));
    }

    /** The held separator and name are written, dropped with the member, or kept until the value decides. */
    private void keyDecided(int d) throws IOException {
        if (d == MaskCursor.EMIT || d == MaskCursor.PASS) {
            releaseHeld(true);
        } else if (d == MaskCursor.SKIP) {
            releaseHeld(false);
            dropMember = true;
        } else {
            holding = 2; // DEFER: the value decides
        }
    }

    /** Where the name's text starts in {@link #held}: after the separator and the opening quote. */
    private int heldNameStart() {
        int i = 0;
        while (i < heldLen && held[i] != '"') i++;
        return i + 1;
    }

    // ---- numbers and literals -----------------------------------------------------------------------------------

    private int number(byte[] b, int p, int end) throws IOException, Malformed {
        while (p < end) {
            int c = b[p];
            if (c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                if (tokenLen == MAX_NUMBER) throw new Malformed("number too long");
                if (tokenLen == token.length) token = Arrays.copyOf(token, tokenLen * 2);
                token[tokenLen++] = (byte) c;
                p++;
            } else {
                endNumber();
                return p;
            }
        }
        return p;
    }

    private void endNumber() throws IOException, Malformed {
        lex = L_NONE;
        if (!validNumber(token, 0, tokenLen)) throw new Malformed("invalid number");
        if (dropDepth > 0 || dropMember) {
            cursor.numberPending();
            return;
        }
        int d = cursor.numberPending();
        if (d == MaskCursor.NEED_TEXT) d = cursor.numberText(new String(token, 0, tokenLen, StandardCharsets.US_ASCII));
        leafOut(d, token, 0, tokenLen);
    }

    /** RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private static boolean validNumber(byte[] t, int off, int len) {
        int i = off;
        int n = off + len;
        if (i < n && t[i] == '-') i++;
        if (i >= n) return false;
        if (t[i] == '0') i++;
        else if (t[i] >= '1' && t[i] <= '9') while (i < n && t[i] >= '0' && t[i] <= '9') i++;
        else return false;
        if (i < n && t[i] == '.') {
            i++;
            int s = i;
            while (i < n && t[i] >= '0' && t[i] <= '9') i++;
            if (i == s) return false;
        }
        if (i < n && (t[i] == 'e' || t[i] == 'E')) {
            i++;
            if (i < n && (t[i] == '+' || t[i] == '-')) i++;
            int s = i;
            while (i < n && t[i] >= '0' && t[i] <= '9') i++;
            if (i == s) return false;
        }
        return i == n;
    }

    private int literal(byte[] b, int p, int end) throws IOException, Malformed {
        while (p < end && literalAt < literal.length) {
            if (b[p] != literal[literalAt]) throw new Malformed("invalid literal");
            literalAt++;
            p++;
        }
        if (literalAt == literal.length) {
            lex = L_NONE;
            String text = literal == TRUE ? "true" : literal == FALSE ? "false" : "null";
            int d = cursor.literal(text);
            if (dropDepth > 0 || dropMember) return p;
            leafOut(d, literal, 0, literal.length);
        }
        return p;
    }

    /** A leaf decided: written as it was, replaced, or dropped (with its member). */
    private void leafOut(int d, byte[] raw, int off, int n) throws IOException {
        if (d == MaskCursor.EMIT) {
            releaseHeld(true);
            emitBytes(raw, off, n);
        } else if (d == MaskCursor.REPLACE) {
            releaseHeld(true);
            emitString(cursor.replacement());
        } else {
            releaseHeld(false);
            if (depth > 0 && kinds[depth] == 1) dropMember = true;
        }
    }

    // ---- text -------------------------------------------------------------------------------------------------

    private void ensureText(int more) {
        if (textLen + more > text.length) text = Arrays.copyOf(text, Math.max(text.length * 2, textLen + more));
    }

    private void hold(byte[] b, int off, int n) {
        if (heldLen + n > held.length) held = Arrays.copyOf(held, Math.max(held.length * 2, heldLen + n));
        System.arraycopy(b, off, held, heldLen, n);
        heldLen += n;
    }

    // ---- output -----------------------------------------------------------------------------------------------

    private void emit(int c) throws IOException {
        if (outLen == out.length) grow(1);
        out[outLen++] = (byte) c;
    }

    private void emitBytes(byte[] b, int off, int n) throws IOException {
        if (n > out.length - outLen) {
            grow(n);
            if (n > out.length - outLen) {
                target.write(b, off, n);
                return;
            }
        }
        System.arraycopy(b, off, out, outLen, n);
        outLen += n;
    }

    /** Makes room: a larger buffer up to OUT_SIZE, then writes to the target. */
    private void grow(int n) throws IOException {
        if (out.length < OUT_SIZE) {
            out = Arrays.copyOf(out, Math.min(OUT_SIZE, Math.max(out.length * 4, outLen + n)));
            if (n <= out.length - outLen) return;
        }
        drainOut();
    }

    /** A replacement as a JSON string; the last one's bytes are kept (a redaction repeats the same text). */
    private void emitString(String s) throws IOException {
        int n = s.length();
        if (n <= 256 && plainAscii(s)) {
            // the usual replacement (a mask, a token, a hash): its chars are its bytes
            if (n + 2 > out.length - outLen) grow(n + 2);
            if (n + 2 <= out.length - outLen) {
                out[outLen++] = '"';
                for (int i = 0; i < n; i++) out[outLen++] = (byte) s.charAt(i);
                out[outLen++] = '"';
                return;
            }
        }
        if (s != lastReplacement) {
            lastReplacement = s;
            lastReplacementBytes = quoted(s);
        }
        emitBytes(lastReplacementBytes, 0, lastReplacementBytes.length);
    }

    private static boolean plainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') return false;
        }
        return true;
    }

    private String lastReplacement;
    private byte[] lastReplacementBytes;

    /** A JSON string's bytes: quotes, and escapes for what JSON requires. */
    private static byte[] quoted(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void drainOut() throws IOException {
        if (outLen > 0) {
            target.write(out, 0, outLen);
            outLen = 0;
        }
    }

    /** The input stopped being JSON. */
    private static final class Malformed extends Exception {
        Malformed(String why) {
            super(why, null, false, false);
        }
    }
}
