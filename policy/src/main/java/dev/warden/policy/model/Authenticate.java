package dev.warden.policy.model;

import java.util.List;

/**
 * Which authentication methods a route accepts: any one of {@code methods} suffices.
 * An empty list means anonymous callers are allowed ({@code authenticate: none}).
 */
public record Authenticate(List<String> methods) {

    public static final String API_KEY = "apiKey";
    public static final Authenticate NONE = new Authenticate(List.of());

    public Authenticate {
        methods = List.copyOf(methods);
    }

    public boolean anonymousAllowed() {
        return methods.isEmpty();
    }
}
