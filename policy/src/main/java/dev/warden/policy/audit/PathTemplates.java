package dev.warden.policy.audit;

/**
 * A request path with its ids collapsed, so that the audit log and the inventory speak of endpoints, not of objects:
 * {@code /api/customers/c-1001/raw} becomes {@code /api/customers/{id}/raw}. A segment is an id when it holds a digit
 * (numbers, UUIDs, {@code c-1001}), except a version marker such as {@code v2}, or is long and hex-like.
 */
public final class PathTemplates {

    private PathTemplates() {
    }

    public static String collapse(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) return "/";
        StringBuilder out = new StringBuilder(rawPath.length());
        int i = 0;
        while (i < rawPath.length()) {
            int slash = rawPath.indexOf('/', i);
            int end = slash < 0 ? rawPath.length() : slash;
            String segment = rawPath.substring(i, end);
            out.append(isId(segment) ? "{id}" : segment);
            if (slash < 0) break;
            out.append('/');
            i = slash + 1;
        }
        return out.toString();
    }

    static boolean isId(String segment) {
        if (segment.isEmpty()) return false;
        if (segment.length() <= 4 && (segment.charAt(0) == 'v' || segment.charAt(0) == 'V')
                && segment.substring(1).chars().allMatch(Character::isDigit) && segment.length() > 1) {
            return false; // v1, v2: a version, not an object
        }
        boolean digit = false;
        boolean hexOnly = true;
        for (int k = 0; k < segment.length(); k++) {
            char c = segment.charAt(k);
            if (c >= '0' && c <= '9') digit = true;
            else if (!(c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '-')) hexOnly = false;
        }
        return digit || hexOnly && segment.length() >= 16;
    }
}
