package dev.warden.policy.model;

import java.util.List;

/**
 * Which authentication methods a route accepts: with {@code all} false any one of {@code methods} suffices
 * ({@code authenticate: [jwt, apiKey]}), with {@code all} true every one is required
 * ({@code authenticate: { all: [mtls, jwt] }}). An empty list means anonymous callers are allowed
 * ({@code authenticate: none}).
 */
public record Authenticate(List<String> methods, boolean all) {

    public static final String API_KEY = "apiKey";
    public static final String JWT = "jwt";
    public static final String INTROSPECTION = "introspection";
    public static final String MTLS = "mtls";
    public static final List<String> KNOWN = List.of(API_KEY, JWT, INTROSPECTION, MTLS);

    public static final Authenticate NONE = new Authenticate(List.of(), false);

    public Authenticate {
        methods = List.copyOf(methods);
    }

    public boolean anonymousAllowed() {
        return methods.isEmpty();
    }
}
