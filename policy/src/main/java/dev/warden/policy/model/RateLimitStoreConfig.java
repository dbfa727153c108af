package dev.warden.policy.model;

import java.time.Duration;

/**
 * Where rate-limit buckets live when instances share them (Redis), and what happens while that store cannot be
 * reached: {@code LOCAL} buckets at limit / instances, {@code ALLOW} every request, or {@code DENY} (503).
 */
public record RateLimitStoreConfig(String redisUri, Duration timeout, OnFailure onFailure, int instances) {

    public enum OnFailure { LOCAL, ALLOW, DENY }

    @Override
    public String toString() {
        // the URI may hold a password
        return "RateLimitStoreConfig[redis, timeout=" + timeout + ", onFailure=" + onFailure + ", instances=" + instances + "]";
    }
}
