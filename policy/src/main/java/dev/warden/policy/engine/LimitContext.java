package dev.warden.policy.engine;

import dev.warden.policy.model.LimitKey;
import java.util.List;
import java.util.Map;

/**
 * What a limit key can be made of, for one request, and the key itself. A part the request lacks (anonymous
 * caller, absent header, claim or parameter) falls back to the client address, so it never merges unrelated
 * callers into one bucket and never lets a caller escape counting.
 */
final class LimitContext {

    private final String routeId;
    private final Caller caller;
    private final RequestView request;
    private final Map<String, String> params;
    private final String clientIp;

    LimitContext(String routeId, Caller caller, RequestView request, Map<String, String> params, String clientIp) {
        this.routeId = routeId;
        this.caller = caller;
        this.request = request;
        this.params = params;
        this.clientIp = clientIp;
    }

    Caller caller() {
        return caller;
    }

    String key(LimitKey by) {
        List<LimitKey.Part> parts = by.parts();
        if (parts.size() == 1) return part(parts.get(0));
        StringBuilder key = new StringBuilder();
        for (LimitKey.Part p : parts) {
            String v = part(p);
            // length-prefixed, so no value can forge a separator
            key.append(v.length()).append('#').append(v);
        }
        return key.toString();
    }

    private String part(LimitKey.Part p) {
        String v = switch (p.kind()) {
            case ROUTE -> "r:" + routeId;
            case IP -> null;
            case CONSUMER -> caller == Caller.ANONYMOUS ? null : "c:" + caller.id();
            case HEADER -> {
                List<String> values = request.headers(p.name());
                yield values.isEmpty() ? null : "h:" + String.join(",", values);
            }
            case CLAIM -> {
                Object claim = claim(caller.claims(), p.name());
                yield claim == null ? null : "j:" + claim;
            }
            case PARAM -> {
                String value = params == null ? null : params.get(p.name());
                if (value == null) value = queryParam(request.query(), p.name());
                yield value == null ? null : "p:" + value;
            }
        };
        return v == null ? "ip:" + clientIp : v;
    }

    private static Object claim(Map<String, Object> claims, String path) {
        Object node = claims;
        int start = 0;
        while (node != null) {
            int dot = path.indexOf('.', start);
            String name = dot < 0 ? path.substring(start) : path.substring(start, dot);
            node = node instanceof Map<?, ?> m ? m.get(name) : null;
            if (dot < 0) break;
            start = dot + 1;
        }
        return node instanceof Map || node instanceof List ? null : node;
    }

    /** The first value of a query parameter, raw (not decoded: a key needs stability, not readability). */
    private static String queryParam(String query, String name) {
        if (query == null) return null;
        int i = 0;
        while (i <= query.length()) {
            int amp = query.indexOf('&', i);
            if (amp < 0) amp = query.length();
            int eq = query.indexOf('=', i);
            int nameEnd = eq < 0 || eq > amp ? amp : eq;
            if (nameEnd - i == name.length() && query.startsWith(name, i)) {
                return nameEnd == amp ? "" : query.substring(nameEnd + 1, amp);
            }
            i = amp + 1;
        }
        return null;
    }
}
