package dev.warden.policy.engine;

import java.util.List;

/**
 * A request with a method and a path and nothing else (no headers, no query, an unroutable address): what tools
 * that preview a decision pretend, and what tests decide on.
 */
public record FixedRequest(String method, String rawPath) implements RequestView {

    @Override
    public String query() {
        return null;
    }

    @Override
    public List<String> headers(String name) {
        return List.of();
    }

    @Override
    public List<String> headerNames() {
        return List.of();
    }

    @Override
    public String clientIp() {
        return "192.0.2.1";
    }
}
