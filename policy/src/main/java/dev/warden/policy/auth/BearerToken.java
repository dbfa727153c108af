package dev.warden.policy.auth;

import dev.warden.policy.engine.RequestView;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The RFC 6750 bearer token of a request: from exactly one {@code Authorization: Bearer <token>} header (scheme
 * case-insensitive). Either {@link #token} is set, or {@link #result} says why there is none: ABSENT when no
 * Authorization header or another scheme is used; INVALID "invalid_request" when the request is ambiguous (two
 * Authorization headers, a bearer token also in the query's {@code access_token}, an empty or multi-word token).
 */
record BearerToken(String token, AuthResult result) {

    /** Longer tokens are rejected without parsing or network calls. Servers cap whole header blocks near 8 KiB. */
    static final int MAX_TOKEN_LENGTH = 32 * 1024;

    static final String INVALID_REQUEST = "invalid_request";
    static final String INVALID_TOKEN = "invalid_token";

    static BearerToken from(RequestView request) {
        List<String> values = request.headers("Authorization");
        if (values == null || values.isEmpty()) return new BearerToken(null, AuthResult.ABSENT);
        if (values.size() > 1) return new BearerToken(null, AuthResult.invalid(INVALID_REQUEST));
        String value = values.get(0) == null ? "" : values.get(0).strip();
        int sp = 0;
        while (sp < value.length() && value.charAt(sp) != ' ' && value.charAt(sp) != '\t') sp++;
        if (!value.substring(0, sp).equalsIgnoreCase("Bearer")) return new BearerToken(null, AuthResult.ABSENT);
        String token = value.substring(sp).strip();
        if (token.isEmpty()) return new BearerToken(null, AuthResult.invalid(INVALID_REQUEST));
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            // whitespace or a comma: several credentials folded into one header, never one token
            if (c == ' ' || c == '\t' || c == ',' || c < 0x20 || c == 0x7f) {
                return new BearerToken(null, AuthResult.invalid(INVALID_REQUEST));
            }
        }
        if (hasAccessTokenParameter(request.query())) return new BearerToken(null, AuthResult.invalid(INVALID_REQUEST));
        if (token.length() > MAX_TOKEN_LENGTH) return new BearerToken(null, AuthResult.invalid(INVALID_TOKEN));
        return new BearerToken(token, null);
    }

    /** RFC 6750 §2.3: a token in the URI query too means two methods were used at once. */
    static boolean hasAccessTokenParameter(String query) {
        if (query == null || query.isEmpty()) return false;
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // a malformed escape: compare the raw name
            }
            if (name.equals("access_token")) return true;
        }
        return false;
    }
}
