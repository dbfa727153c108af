package dev.warden.policy.engine;

import dev.warden.policy.model.RateLimitStoreConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import io.github.bucket4j.redis.jedis.cas.JedisBasedProxyManager;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * Buckets shared by every instance through Redis (Bucket4j's compare-and-swap buckets over Jedis: exact under
 * contention, no admission beyond the limit). Each Redis call is bounded by the configured timeout. After a
 * failure the store counts as down for {@link #RETRY_AFTER}: requests take the fallback at once instead of each
 * waiting for a timeout; then one request probes, and the first success brings shared limits back.
 */
final class SharedBuckets implements AutoCloseable {

    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final RateLimitStoreConfig config;
    private final JedisPool pool;
    private final JedisBasedProxyManager<byte[]> proxies;
    private final Consumer<String> log;
    /** nanoTime before which the store is not tried; meaningful while {@link #down}. */
    private final AtomicLong retryAt = new AtomicLong();
    private final AtomicBoolean down = new AtomicBoolean();
    /** The throttlings using this store: a reloaded policy configured the same way takes over the connections. */
    private final AtomicInteger users = new AtomicInteger(1);

    SharedBuckets(RateLimitStoreConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
        int timeout = (int) Math.max(1, config.timeout().toMillis());
        GenericObjectPoolConfig<Jedis> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(64);
        poolConfig.setMaxIdle(64);
        poolConfig.setMaxWait(config.timeout());
        poolConfig.setJmxEnabled(false); // no MBeans registered in the application's server
        this.pool = new JedisPool(poolConfig, URI.create(config.redisUri()), timeout, timeout);
        this.proxies = Bucket4jJedis.casBasedBuilder(pool)
                // a key lives in Redis only until its bucket would be full again
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }

    RateLimitStoreConfig config() {
        return config;
    }

    /** Whether to try the store now: it is up, or it is down and this caller won the next probe. */
    boolean usable() {
        if (!down.get()) return true;
        long at = retryAt.get();
        long now = System.nanoTime();
        return now - at >= 0 && retryAt.compareAndSet(at, now + RETRY_AFTER.toNanos());
    }

    /** One more throttling uses this store (a reloaded policy configured the same way); {@link #close()} once each. */
    SharedBuckets retain() {
        users.incrementAndGet();
        return this;
    }

    /**
     * The shared bucket (a proxy: every operation on it is a Redis round trip and may throw). {@code limit} names
     * the limit and the version of its settings ({@link #version}): Redis keeps a bucket's configuration with its
     * state, so a limit whose settings changed must not find its old bucket.
     */
    Bucket bucket(String limit, String key, BucketConfiguration configuration) {
        byte[] redisKey = ("warden:" + limit + ":" + digest(key)).getBytes(StandardCharsets.US_ASCII);
        return proxies.builder().build(redisKey, () -> configuration);
    }

    /** A short digest of a bucket configuration, for its Redis keys: equal settings, equal version. */
    static String version(BucketConfiguration configuration) {
        StringBuilder settings = new StringBuilder();
        for (var b : configuration.getBandwidths()) {
            settings.append(b.getCapacity()).append('/').append(b.getRefillTokens()).append('/')
                    .append(b.getRefillPeriodNanos()).append('/').append(b.isRefillIntervally()).append(';');
        }
        return digest(settings.toString()).substring(0, 8);
    }

    void succeeded() {
        if (down.get() && down.compareAndSet(true, false)) {
            log.accept("rate-limit store " + where() + " answers again; shared limits resume");
        }
    }

    void failed(RuntimeException e) {
        retryAt.set(System.nanoTime() + RETRY_AFTER.toNanos());
        if (down.compareAndSet(false, true)) {
            log.accept("rate-limit store " + where() + " is unreachable (" + describe(e) + "); until it answers, "
                    + switch (config.onFailure()) {
                        case LOCAL -> "limits are kept in this instance at limit / " + config.instances();
                        case ALLOW -> "requests are admitted without rate limits (onFailure: allow)";
                        case DENY -> "rate-limited requests are refused with 503 (onFailure: deny)";
                    });
            try {
                pool.clear(); // idle connections to the old server are dead; do not hand them to the next probe
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
    }

    private String where() {
        URI u = URI.create(config.redisUri());
        return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
    }

    /** The exception chain by class name only: messages could carry more than a log line should. */
    private static String describe(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null && out.length() < 200; c = c.getCause() == c ? null : c.getCause()) {
            if (out.length() > 0) out.append(" <- ");
            out.append(c.getClass().getSimpleName());
        }
        return out.toString();
    }

    /**
     * Runs one store operation. A connection that broke while idle (the server restarted) fails at once, not after
     * a timeout: then the idle connections are dropped and the operation is tried once more on a fresh one, so a
     * restart costs no request its shared limit. Timeouts are never retried (a request waits one timeout at most).
     */
    <T> T call(java.util.function.Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException first) {
            if (down.get() || timedOut(first)) throw first;
            try {
                pool.clear();
            } catch (RuntimeException ignored) {
                // best effort
            }
            return operation.get();
        }
    }

    private static boolean timedOut(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.SocketTimeoutException || c instanceof java.util.NoSuchElementException) return true;
        }
        return false;
    }

    /** Keys may hold header or claim values: Redis sees a digest, never the value. */
    private static String digest(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(d, 18));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the connections are closed (every throttling using the store is). */
    boolean closed() {
        return pool.isClosed();
    }

    /** One throttling is done with the store; the last one closes its connections. */
    @Override
    public void close() {
        if (users.decrementAndGet() == 0) pool.close();
    }
}
