package dev.warden.policy.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ant-style route path: {@code *} is one segment, {@code **} any number of segments (zero included, so
 * {@code /api/customers/**} also covers {@code /api/customers}), {@code {name}} captures one segment.
 * Matching is on canonical paths (see {@link PathCanonicalizer}) and case-sensitive, like the servers dispatch.
 */
public final class PathPattern {

    private final String text;
    private final String[] segments;
    private final boolean captures;

    private PathPattern(String text, String[] segments) {
        this.text = text;
        this.segments = segments;
        boolean c = false;
        for (String s : segments) c |= s.startsWith("{");
        this.captures = c;
    }

    /** Parses a pattern; returns null with a reason in {@code problem[0]} when it is not valid. */
    public static PathPattern parse(String text, String[] problem) {
        if (!text.startsWith("/")) {
            problem[0] = "must start with '/'";
            return null;
        }
        String[] parts = text.equals("/") ? new String[0] : text.substring(1).split("/", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                problem[0] = "has an empty segment ('//' or a trailing '/'); write the path without it";
                return null;
            }
            if (part.contains("**") && !part.equals("**") || part.contains("{") && !part.matches("\\{[A-Za-z_][A-Za-z0-9_]*}")) {
                problem[0] = "segment '" + part + "' is not valid: use a literal, '*', '**' or '{name}'";
                return null;
            }
        }
        return new PathPattern(text, parts);
    }

    /** The captured {@code {name}} values when the canonical path matches, else null. */
    public Map<String, String> match(List<String> path) {
        Map<String, String> found = captures ? new LinkedHashMap<>() : null;
        if (!match(0, path, 0, found)) return null;
        return found == null ? Map.of() : found;
    }

    private boolean match(int si, List<String> path, int pi, Map<String, String> captures) {
        if (si == segments.length) return pi == path.size();
        String seg = segments[si];
        if (seg.equals("**")) {
            for (int k = pi; k <= path.size(); k++) {
                if (match(si + 1, path, k, captures)) return true;
            }
            return false;
        }
        if (pi == path.size()) return false;
        String actual = path.get(pi);
        if (seg.equals("*")) return match(si + 1, path, pi + 1, captures);
        if (seg.startsWith("{")) {
            captures.put(seg.substring(1, seg.length() - 1), actual);
            if (match(si + 1, path, pi + 1, captures)) return true;
            captures.remove(seg.substring(1, seg.length() - 1));
            return false;
        }
        return seg.equals(actual) && match(si + 1, path, pi + 1, captures);
    }

    @Override
    public String toString() {
        return text;
    }

    static List<String> segmentsOf(String canonical) {
        List<String> out = new ArrayList<>();
        for (String s : canonical.split("/")) if (!s.isEmpty()) out.add(s);
        return out;
    }
}
