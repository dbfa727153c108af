package dev.warden.policy.engine;

import dev.warden.policy.model.RateLimitSpec;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/** One rate limit: a token bucket per key, refilled greedily, each request taking {@code cost} tokens. */
final class RateLimiter {

    static final long MAX_KEYS = BucketPool.MAX_KEYS;

    /**
     * The outcome of one attempt: admitted or not, tokens left, seconds until full or until a retry can succeed;
     * {@code storeDown} when the shared store could not answer and its onFailure is allow or deny.
     */
    record Result(boolean admitted, long remaining, long resetSeconds, long retryAfterSeconds, boolean storeDown) {
    }

    private final RateLimitSpec spec;
    private final String name;
    private final BucketPool buckets;
    private final long nanosPerToken;

    RateLimiter(RateLimitSpec spec, String name) {
        this(spec, name, null);
    }

    RateLimiter(RateLimitSpec spec, String name, SharedBuckets shared) {
        this.spec = spec;
        this.name = name;
        this.nanosPerToken = Math.max(1, spec.per().toNanos() / spec.limit());
        int instances = shared == null ? 1 : shared.config().instances();
        this.buckets = new BucketPool(name, configuration(spec.burst(), spec.limit()),
                configuration(Math.max(spec.cost(), spec.burst() / instances), Math.max(1, spec.limit() / instances)),
                // a bucket idle this long is full again: forgetting it changes nothing
                spec.per().multipliedBy(Math.max(1, (spec.burst() + spec.limit() - 1) / spec.limit())), shared);
    }

    private BucketConfiguration configuration(long capacity, long refill) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refill, spec.per()).build())
                .build();
    }

    String name() {
        return name;
    }

    RateLimitSpec spec() {
        return spec;
    }

    Result tryConsume(String key) {
        ConsumptionProbe probe = buckets.apply(key, b -> b.tryConsumeAndReturnRemaining(spec.cost()));
        if (probe == null) return new Result(false, 0, 0, 1, true);
        long remaining = probe.getRemainingTokens();
        long resetNanos = Math.max(0, spec.burst() - remaining) * nanosPerToken;
        long retry = probe.isConsumed() ? 0 : ceilSeconds(probe.getNanosToWaitForRefill());
        return new Result(probe.isConsumed(), remaining, ceilSeconds(resetNanos), Math.max(1, retry), false);
    }

    /** Gives back what an admitted attempt took, when another limit of the same request refused it. */
    void refund(String key) {
        buckets.apply(key, b -> {
            b.addTokens(spec.cost());
            return Boolean.TRUE;
        });
    }

    static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    /** Window in whole seconds for the RateLimit-Policy header ({@code w}). */
    long windowSeconds() {
        return Math.max(1, ceilSeconds(spec.per().toNanos()));
    }
}
