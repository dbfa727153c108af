package dev.warden.inventory;

import dev.warden.policy.audit.PathTemplates;
import java.util.HashMap;
import java.util.Map;

/**
 * The path template an endpoint is known by: the framework's own route template where the server hook could read
 * it, normalized to OpenAPI's form, or else the request path with its ids collapsed ({@code /api/customers/{id}}),
 * the audit log's rule plus one: a segment of more than {@value #LONG_SEGMENT} characters is taken for an id too (a
 * token or a hash in a path is no endpoint name, and must not be kept). Parameter names are made unique in a
 * template.
 */
public final class EndpointTemplates {

    static final int LONG_SEGMENT = 32;
    /** Longer templates are cut: an endpoint's name must stay a name. */
    static final int MAX_LENGTH = 512;

    private EndpointTemplates() {
    }

    /** The raw path (no query) with ids collapsed. */
    public static String collapse(String rawPath) {
        String collapsed = PathTemplates.collapse(rawPath == null ? "" : rawPath);
        StringBuilder out = new StringBuilder(collapsed.length());
        int i = 0;
        while (i <= collapsed.length()) {
            int slash = collapsed.indexOf('/', i);
            int end = slash < 0 ? collapsed.length() : slash;
            String segment = collapsed.substring(i, end);
            out.append(segment.length() > LONG_SEGMENT ? "{id}" : segment);
            if (slash < 0) break;
            out.append('/');
            i = slash + 1;
        }
        return uniqueNames(cut(out.toString()));
    }

    /**
     * A framework's route template in OpenAPI's form: Spring's {@code {id:[0-9]+}} and {@code {*rest}} become
     * {@code {id}} and {@code {rest}}, JAX-RS's {@code {id: \d+}} too; anything else stays as written.
     */
    public static String normalize(String template) {
        StringBuilder out = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int close = closingBrace(template, i);
            if (close < 0) {
                out.append(template, i, template.length());
                break;
            }
            String inside = template.substring(i + 1, close);
            int colon = inside.indexOf(':');
            String name = (colon < 0 ? inside : inside.substring(0, colon)).trim();
            if (name.startsWith("*")) name = name.substring(1);
            out.append('{').append(name.isEmpty() ? "param" : name).append('}');
            i = close + 1;
        }
        String normalized = out.length() == 0 || out.charAt(0) != '/' ? "/" + out : out.toString();
        return uniqueNames(cut(normalized));
    }

    /** The brace closing the one at {@code open} (a regular expression inside may nest braces), or -1. */
    private static int closingBrace(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }
        return -1;
    }

    private static String cut(String template) {
        return template.length() <= MAX_LENGTH ? template : template.substring(0, MAX_LENGTH);
    }

    /** {@code /a/{id}/b/{id}} becomes {@code /a/{id}/b/{id2}}: OpenAPI wants each path parameter once. */
    static String uniqueNames(String template) {
        if (template.indexOf('{') < 0) return template;
        Map<String, Integer> seen = new HashMap<>();
        StringBuilder out = new StringBuilder(template.length() + 4);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i) : -1;
            if (close < 0) {
                out.append(c);
                i++;
                continue;
            }
            String name = template.substring(i + 1, close);
            int n = seen.merge(name, 1, Integer::sum);
            out.append('{').append(name).append(n == 1 ? "" : String.valueOf(n)).append('}');
            i = close + 1;
        }
        return out.toString();
    }
}
