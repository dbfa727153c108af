package dev.warden.policy.model;

import java.util.List;

/**
 * The policy-wide throttling settings.
 *
 * @param rateLimits     limits every request passes before its route's own
 * @param trustedProxies CIDRs whose X-Forwarded-For / Forwarded headers name the client
 * @param legacyHeaders  also send X-RateLimit-Limit / -Remaining / -Reset
 * @param store          the shared bucket store, or null for buckets in this JVM only
 * @param dataBudget     the sensitive-data budget for routes that declare none, or null
 */
public record Throttling(List<RateLimitSpec> rateLimits, List<Cidr> trustedProxies, boolean legacyHeaders,
                         RateLimitStoreConfig store, DataBudgetSpec dataBudget) {

    public static final Throttling NONE = new Throttling(List.of(), List.of(), false, null, null);

    public Throttling {
        rateLimits = List.copyOf(rateLimits);
        trustedProxies = List.copyOf(trustedProxies);
    }
}
