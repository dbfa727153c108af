package dev.warden.policy.model;

import java.util.List;
import java.util.Map;

/**
 * Rate limits chosen by a consumer attribute ({@code limitsFor: { tier: { gold: [...], free: [...] } }}): a caller
 * whose attribute has one of the listed values gets those limits instead of the route's own.
 */
public record LimitsFor(String attribute, Map<String, List<RateLimitSpec>> byValue) {

    public LimitsFor {
        byValue = Map.copyOf(byValue);
    }
}
