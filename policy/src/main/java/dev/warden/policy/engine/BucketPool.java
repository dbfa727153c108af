package dev.warden.policy.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The buckets of one limit, one per key: in this JVM, or in the shared store with a fallback while it is down.
 *
 * <p>Local memory stays bounded however many keys arrive: a bucket idle for {@code idle} (the time it takes to
 * refill completely) is full again, so dropping it loses nothing; beyond {@link #MAX_KEYS} keys the least recently
 * used buckets are evicted (such a key starts again with a full bucket — the cap trades that leniency for a heap
 * that cannot be exhausted).
 */
final class BucketPool {

    static final long MAX_KEYS = 100_000;

    private final String name;
    private final BucketConfiguration configuration;
    private final Cache<String, Bucket> local;
    private final SharedBuckets shared;
    private final BucketConfiguration fallbackConfiguration;
    private volatile Cache<String, Bucket> fallback;
    private final Duration idle;

    /**
     * @param fallbackConfiguration the configuration for local buckets while the shared store is down (the limit
     *                              divided among instances); unused without a shared store
     */
    BucketPool(String name, BucketConfiguration configuration, BucketConfiguration fallbackConfiguration,
               Duration idle, SharedBuckets shared) {
        // In the shared store a bucket keeps the settings it was created with: key it by their version too.
        this.name = shared == null ? name : name + ":" + SharedBuckets.version(configuration);
        this.configuration = configuration;
        this.fallbackConfiguration = fallbackConfiguration;
        this.idle = idle;
        this.shared = shared;
        this.local = shared == null ? cache(idle) : null;
    }

    private static Cache<String, Bucket> cache(Duration idle) {
        return Caffeine.newBuilder()
                // Maintenance on the calling thread: no hand-off to the common pool and its wake-ups per request.
                .executor(Runnable::run)
                .maximumSize(MAX_KEYS)
                .expireAfterAccess(idle.toNanos(), TimeUnit.NANOSECONDS)
                .build();
    }

    /**
     * Applies {@code operation} to the key's bucket. Null only when the shared store is down and its
     * {@code onFailure} is allow or deny (the caller decides what that means); never throws for a store failure.
     */
    <T> T apply(String key, Function<Bucket, T> operation) {
        if (shared == null) return operation.apply(local.get(key, k -> localBucket(configuration)));
        if (shared.usable()) {
            try {
                T result = shared.call(() -> operation.apply(shared.bucket(name, key, configuration)));
                shared.succeeded();
                return result;
            } catch (RuntimeException e) {
                shared.failed(e);
            }
        }
        return switch (shared.config().onFailure()) {
            case LOCAL -> operation.apply(fallback().get(key, k -> localBucket(fallbackConfiguration)));
            case ALLOW, DENY -> null;
        };
    }

    private Cache<String, Bucket> fallback() {
        Cache<String, Bucket> f = fallback;
        if (f == null) {
            synchronized (this) {
                if (fallback == null) fallback = cache(idle);
                f = fallback;
            }
        }
        return f;
    }

    private static Bucket localBucket(BucketConfiguration configuration) {
        var builder = Bucket.builder();
        for (var b : configuration.getBandwidths()) builder.addLimit(b);
        return builder.build();
    }
}
