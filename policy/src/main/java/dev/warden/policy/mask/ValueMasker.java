package dev.warden.policy.mask;

import dev.warden.policy.model.FieldRule;

/** The text transformations of the value actions, shared by every engine so they cannot disagree. */
public final class ValueMasker {

    private ValueMasker() {
    }

    /**
     * What a value (or a detected part of one) becomes under {@code rule}'s action, for the actions that write a
     * string: mask, keepDomain, hash, tokenize, fpe, redact. A keyed action without a key, or FF1 on too few digits,
     * masks instead (never the clear value).
     */
    public static String transform(String value, FieldRule rule, Tokenizer tokenizer) {
        return switch (rule.action()) {
            case MASK -> mask(value, rule);
            case KEEP_DOMAIN -> keepDomain(value, rule);
            case HASH -> tokenizer == null ? fullMask(value) : tokenizer.hash(value);
            case TOKENIZE -> tokenizer == null ? fullMask(value) : tokenizer.tokenize(value);
            case FPE -> {
                String out = tokenizer == null ? null : tokenizer.fpe(value, rule.luhn());
                yield out == null ? fullMask(value) : out;
            }
            case REMOVE -> "";
            case KEEP -> value;
            default -> rule.replacement();
        };
    }

    private static String fullMask(String value) {
        return mask(value, 0, 0);
    }

    /**
     * {@code ada@example.com} becomes {@code a**@example.com}: the local part is masked but for its first
     * {@code keepFirst} characters (default 1), the domain stays. A value that is not an address is masked whole.
     */
    public static String keepDomain(String value, FieldRule rule) {
        int at = value.lastIndexOf('@');
        if (at <= 0) return fullMask(value);
        int keep = rule.keepFirst() > 0 ? rule.keepFirst() : 1;
        return mask(value.substring(0, at), keep, 0) + value.substring(at);
    }
    /**
     * Every letter and digit becomes {@code *} except the first {@code keepFirst} and the last {@code keepLast}
     * letters/digits; other characters (separators, spaces) stay: "123-45-6789" keepLast 4 gives "***-**-6789".
     * When the kept parts would cover the whole value nothing is kept, so a short value never passes in clear.
     */
    public static String mask(String value, FieldRule rule) {
        return mask(value, rule.keepFirst(), rule.keepLast());
    }

    private static String mask(String value, int keepFirst, int keepLast) {
        String ascii = maskAscii(value, keepFirst, keepLast);
        if (ascii != null) return ascii;
        int alnum = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) alnum++;
            i += Character.charCount(cp);
        }
        if (keepFirst + keepLast >= alnum) {
            keepFirst = 0;
            keepLast = 0;
        }
        StringBuilder out = new StringBuilder(value.length());
        int seen = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                boolean keep = seen < keepFirst || seen >= alnum - keepLast;
                seen++;
                if (keep) out.appendCodePoint(cp);
                else out.append('*');
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** {@link #mask(String, int, int)} for ASCII text (the usual card number or id), without code points; else null. */
    private static String maskAscii(String value, int keepFirst, int keepLast) {
        int n = value.length();
        int alnum = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) return null;
            if (asciiAlnum(c)) alnum++;
        }
        if (keepFirst + keepLast >= alnum) {
            keepFirst = 0;
            keepLast = 0;
        }
        byte[] out = new byte[n];
        int seen = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (asciiAlnum(c)) {
                out[i] = (byte) (seen < keepFirst || seen >= alnum - keepLast ? c : '*');
                seen++;
            } else {
                out[i] = (byte) c;
            }
        }
        return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** In ASCII, exactly what Character.isLetterOrDigit accepts. */
    private static boolean asciiAlnum(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
