package dev.warden.policy.mask;

import java.io.IOException;
import java.io.OutputStream;
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
    /** Property names already decoded in this body: most bodies repeat the same few names. */
    private final NameCache names = new NameCache();
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
    private boolean asciiOnly;
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
        depth++;
        if (depth == kinds.length) {
            kinds = Arrays.copyOf(kinds, Math.min(MAX_DEPTH + 1, depth * 2));
            wroteMember = Arrays.copyOf(wroteMember, kinds.length);
        }
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

    // ---- strings ----------------------------------------------------------------------------------------------

    private void startString(boolean key) throws IOException {
        lex = L_STRING;
        isKey = key;
        textLen = 0;
        escape = false;
        hexLeft = 0;
        utf8Left = 0;
        asciiOnly = true;
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
        int d = cursor.stringPending();
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
                    asciiOnly = false;
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
            asciiOnly = false;
            p++;
        }
        take(b, start, p);
        return p;
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
            String value = decode(text, 0, textLen);
            int d = cursor.stringText(value);
            if (d == MaskCursor.EMIT) {
                releaseHeld(true);
                emit('"');
                emitBytes(text, 0, textLen);
                emit('"');
            } else {
                leafOut(d, text, textLen);
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
        String name = names.get(held, nameStart, heldLen - 1 - nameStart, this);
        int d = cursor.field(name);
        if (d == MaskCursor.EMIT) {
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
        if (!validNumber(token, tokenLen)) throw new Malformed("invalid number");
        if (dropDepth > 0 || dropMember) {
            cursor.numberPending();
            return;
        }
        int d = cursor.numberPending();
        if (d == MaskCursor.NEED_TEXT) d = cursor.numberText(new String(token, 0, tokenLen, StandardCharsets.US_ASCII));
        leafOut(d, token, tokenLen);
    }

    /** RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private static boolean validNumber(byte[] t, int n) {
        int i = 0;
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
            leafOut(d, literal, literal.length);
        }
        return p;
    }

    /** A leaf decided: written as it was, replaced, or dropped (with its member). */
    private void leafOut(int d, byte[] raw, int n) throws IOException {
        if (d == MaskCursor.EMIT) {
            releaseHeld(true);
            emitBytes(raw, 0, n);
        } else if (d == MaskCursor.REPLACE) {
            releaseHeld(true);
            emitString(cursor.replacement());
        } else {
            releaseHeld(false);
            if (depth > 0 && kinds[depth] == 1) dropMember = true;
        }
    }

    // ---- text -------------------------------------------------------------------------------------------------

    /** Decodes a string's raw bytes (between the quotes, escapes included): validated already. */
    private String decode(byte[] b, int off, int len) {
        boolean simple = true;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\\' || b[i] < 0) {
                simple = false;
                break;
            }
        }
        if (simple) return new String(b, off, len, StandardCharsets.ISO_8859_1);
        StringBuilder sb = new StringBuilder(len);
        int i = off;
        int end = off + len;
        while (i < end) {
            int j = i;
            while (j < end && b[j] != '\\') j++;
            if (j > i) sb.append(new String(b, i, j - i, StandardCharsets.UTF_8));
            if (j >= end) break;
            byte e = b[j + 1];
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(new String(b, j + 2, 4, StandardCharsets.US_ASCII), 16));
                    j += 4;
                }
                default -> sb.append((char) e);
            }
            i = j + 2;
        }
        return sb.toString();
    }

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

    /** A replacement as a JSON string: quotes, and escapes for what JSON requires. */
    private void emitString(String s) throws IOException {
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
        byte[] bytes = sb.append('"').toString().getBytes(StandardCharsets.UTF_8);
        emitBytes(bytes, 0, bytes.length);
    }

    private void drainOut() throws IOException {
        if (outLen > 0) {
            target.write(out, 0, outLen);
            outLen = 0;
        }
    }

    /** Decoded property names by their raw bytes (a small direct-mapped table; a miss just decodes again). */
    private static final class NameCache {
        private static final int SLOTS = 256;
        private final byte[][] raw = new byte[SLOTS][];
        private final String[] decoded = new String[SLOTS];

        String get(byte[] b, int off, int len, ByteWireMasker owner) {
            int h = len;
            for (int i = off; i < off + len; i++) h = 31 * h + b[i];
            h *= 0x9E3779B9; // spread: names differing in one letter must not share a slot
            int slot = h >>> 24;
            byte[] r = raw[slot];
            if (r != null && r.length == len && Arrays.equals(r, 0, len, b, off, off + len)) return decoded[slot];
            String name = owner.decode(b, off, len);
            raw[slot] = Arrays.copyOfRange(b, off, off + len);
            decoded[slot] = name;
            return name;
        }
    }

    /** The input stopped being JSON. */
    private static final class Malformed extends Exception {
        Malformed(String why) {
            super(why, null, false, false);
        }
    }
}
