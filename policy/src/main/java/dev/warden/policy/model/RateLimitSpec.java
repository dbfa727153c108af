package dev.warden.policy.model;

import java.time.Duration;

/**
 * A token bucket: refilled greedily with {@code limit} tokens per {@code per}, holding at most {@code burst}
 * (default: {@code limit}); each request takes {@code cost} tokens (default 1). One bucket per value of {@code by}.
 */
public record RateLimitSpec(LimitKey by, long limit, Duration per, long burst, long cost) {

    public RateLimitSpec(LimitKey by, long limit, Duration per) {
        this(by, limit, per, limit, 1);
    }
}
