package dev.warden.policy.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turning a verified claim set (JWT payload, introspection response) into plain Java values and an {@link Identity}. */
final class Claims {

    private Claims() {
    }

    /**
     * A deep, unmodifiable copy made only of Map (insertion-ordered), List, String, Long, Double, Boolean and null:
     * whole numbers become Long, other numbers Double, whatever the JSON parser produced.
     */
    static Map<String, Object> plain(Map<?, ?> json) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : json.entrySet()) out.put(String.valueOf(e.getKey()), plainValue(e.getValue()));
        return Collections.unmodifiableMap(out);
    }

    static Object plainValue(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) return v;
        if (v instanceof Map<?, ?> m) return plain(m);
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(plainValue(o));
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Object[] a) return plainValue(List.of(a));
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
        if (v instanceof Float f) return f.doubleValue();
        if (v instanceof java.math.BigInteger b) return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        if (v instanceof java.math.BigDecimal b) {
            try {
                return b.longValueExact();
            } catch (ArithmeticException e) {
                return b.doubleValue();
            }
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 0x1p63 ? (Object) n.longValue() : (Object) d;
        }
        if (v instanceof java.util.Date d) return d.getTime() / 1000;
        return String.valueOf(v);
    }

    /**
     * The value at a dot path ({@code realm_access.roles}), or null. A member whose own name contains dots
     * ({@code https://example.com/roles}) is found too: at each level the longest matching name wins.
     */
    static Object at(Map<String, Object> claims, String path) {
        if (claims == null || path == null) return null;
        if (claims.containsKey(path)) return claims.get(path);
        for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
            Object head = claims.get(path.substring(0, dot));
            if (head instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Object found = at((Map<String, Object>) m, path.substring(dot + 1));
                if (found != null) return found;
            }
        }
        return null;
    }

    /** Scopes from {@code scope} (space-separated string) and {@code scp} (array of strings, or a string). */
    static Set<String> scopes(Map<String, Object> claims) {
        Set<String> out = new LinkedHashSet<>();
        addScopes(claims.get("scope"), out);
        addScopes(claims.get("scp"), out);
        return out;
    }

    private static void addScopes(Object v, Set<String> out) {
        if (v instanceof String s) {
            for (String part : s.split("[ \t]+")) if (!part.isEmpty()) out.add(part);
        } else if (v instanceof List<?> l) {
            for (Object o : l) if (o instanceof String s && !s.isEmpty()) out.add(s);
        }
    }

    /** The identity the claims establish, or null when the consumer claim is missing, empty or not a string. */
    static Identity identity(Map<String, Object> claims, String consumerClaim, Map<String, String> attributeClaims) {
        Object id = at(claims, consumerClaim == null ? "sub" : consumerClaim);
        String consumerId = id instanceof String s ? s : id instanceof Long l ? l.toString() : null;
        if (consumerId == null || consumerId.isEmpty()) return null;
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : attributeClaims.entrySet()) {
            Object v = at(claims, e.getValue());
            if (v != null) attributes.put(e.getKey(), v);
        }
        return new Identity(consumerId, attributes, claims, scopes(claims), Map.of());
    }
}
