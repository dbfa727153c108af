package dev.warden.policy.mask;

import java.util.Locale;

/**
 * A property-name pattern of {@code keys:}: case-insensitive, {@code *} for any run of characters
 * ({@code "*password*"}, {@code "card*"}), matched against the name of the property holding a value, at any depth.
 */
public final class KeyGlob {

    private final String text;
    private final String[] parts; // the pattern split at '*', lower-case
    private final boolean anchoredStart;
    private final boolean anchoredEnd;

    public KeyGlob(String text) {
        this.text = text;
        String lower = text.toLowerCase(Locale.ROOT);
        this.parts = lower.split("\\*", -1);
        this.anchoredStart = !lower.startsWith("*");
        this.anchoredEnd = !lower.endsWith("*");
    }

    /** Whether the property {@code name} matches (no allocation on the hot path: region matches, ignoring case). */
    public boolean matches(String name) {
        if (parts.length == 1) return name.equalsIgnoreCase(parts[0]);
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) continue;
            if (i == 0 && anchoredStart) {
                if (!name.regionMatches(true, 0, p, 0, p.length())) return false;
                at = p.length();
            } else if (i == parts.length - 1 && anchoredEnd) {
                int from = name.length() - p.length();
                return from >= at && name.regionMatches(true, from, p, 0, p.length());
            } else {
                int found = indexOfIgnoreCase(name, p, at);
                if (found < 0) return false;
                at = found + p.length();
            }
        }
        return true;
    }

    private static int indexOfIgnoreCase(String s, String p, int from) {
        for (int i = from; i + p.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, p, 0, p.length())) return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return text;
    }
}
