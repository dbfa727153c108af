package dev.warden.policy.mask;

import dev.warden.policy.model.FieldRule;

/** The text transformations of the mask action, shared by every engine so they cannot disagree. */
public final class ValueMasker {

    private ValueMasker() {
    }

    /**
     * Every letter and digit becomes {@code *} except the first {@code keepFirst} and the last {@code keepLast}
     * letters/digits; other characters (separators, spaces) stay: "123-45-6789" keepLast 4 gives "***-**-6789".
     * When the kept parts would cover the whole value nothing is kept, so a short value never passes in clear.
     */
    public static String mask(String value, FieldRule rule) {
        int alnum = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) alnum++;
            i += Character.charCount(cp);
        }
        int keepFirst = rule.keepFirst();
        int keepLast = rule.keepLast();
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
}
