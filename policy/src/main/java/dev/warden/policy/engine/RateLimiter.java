package dev.warden.policy.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.warden.policy.model.RateLimitSpec;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.concurrent.TimeUnit;

/**
 * One policy rate limit: a Bucket4j token bucket per key (consumer, ip, ...), held in a Caffeine cache.
 *
 * <p>Memory stays bounded however many keys arrive: a bucket idle for one whole period is full again, so dropping
 * it after that loses nothing; beyond {@link #MAX_KEYS} keys the least recently used buckets are evicted (such a
 * key starts again with a full bucket — the cap trades that leniency for a heap that cannot be exhausted).
 */
final class RateLimiter {

    static final long MAX_KEYS = 100_000;

    /** The outcome of one attempt: admitted or not, tokens left, and seconds until refill or retry. */
    record Result(boolean admitted, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

    private final RateLimitSpec spec;
    private final String name;
    private final Cache<String, Bucket> buckets;
    private final long nanosPerToken;

    RateLimiter(RateLimitSpec spec, String name) {
        this.spec = spec;
        this.name = name;
        this.nanosPerToken = Math.max(1, spec.per().toNanos() / spec.limit());
        this.buckets = Caffeine.newBuilder()
                // Maintenance on the calling thread: no hand-off to the common pool and its wake-ups per request.
                .executor(Runnable::run)
                .maximumSize(MAX_KEYS)
                .expireAfterAccess(spec.per().toNanos(), TimeUnit.NANOSECONDS)
                .build();
    }

    String name() {
        return name;
    }

    RateLimitSpec spec() {
        return spec;
    }

    Result tryConsume(String key) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(spec.limit()).refillGreedy(spec.limit(), spec.per()).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long remaining = probe.getRemainingTokens();
        long resetNanos = (spec.limit() - remaining) * nanosPerToken;
        long retry = probe.isConsumed() ? 0 : ceilSeconds(probe.getNanosToWaitForRefill());
        return new Result(probe.isConsumed(), remaining, ceilSeconds(resetNanos), Math.max(1, retry));
    }

    static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    /** Window in whole seconds for the RateLimit-Policy header ({@code w}). */
    long windowSeconds() {
        return Math.max(1, ceilSeconds(spec.per().toNanos()));
    }
}
