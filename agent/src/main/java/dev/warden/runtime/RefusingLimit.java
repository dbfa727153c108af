package dev.warden.runtime;

import dev.warden.policy.engine.Decision;
import java.util.List;

/**
 * Which rate limit refused a request, for the metrics, read from the {@code RateLimit} field Warden answered with
 * (one item per limit applied, {@code "name";r=0;t=7}, the name as in {@code RateLimit-Policy}). Known when the
 * request was under one limit only: with several, the field does not say which refused.
 */
final class RefusingLimit {

    static final String UNKNOWN = "-";

    private RefusingLimit() {
    }

    static String of(Decision decision) {
        if (decision == null) return UNKNOWN;
        List<String> headers = decision.headers();
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            if ("RateLimit".equals(headers.get(i))) return onlyItem(headers.get(i + 1));
        }
        return UNKNOWN;
    }

    /** The name of a RateLimit field's only item; {@link #UNKNOWN} when it has several or none. */
    static String onlyItem(String field) {
        int items = 1;
        String first = null;
        StringBuilder quoted = null; // inside a quoted string (a structured-field string: \" and \\ escaped)
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (quoted != null) {
                if (c == '\\' && i + 1 < field.length()) {
                    quoted.append(field.charAt(++i));
                } else if (c == '"') {
                    if (first == null) first = quoted.toString();
                    quoted = null;
                } else {
                    quoted.append(c);
                }
            } else if (c == '"') {
                quoted = new StringBuilder();
            } else if (c == ',') {
                items++;
            }
        }
        return items == 1 && first != null ? first : UNKNOWN;
    }
}
