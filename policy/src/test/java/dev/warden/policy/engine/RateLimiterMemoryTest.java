package dev.warden.policy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.policy.model.LimitKey;
import dev.warden.policy.model.RateLimitSpec;
import java.lang.ref.Reference;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A million distinct keys through one limiter: the heap stays bounded by {@link RateLimiter#MAX_KEYS} buckets, and
 * an evicted key starts again with a full bucket. The limiter has no cleanUp accessor, so memory is measured.
 */
class RateLimiterMemoryTest {

    private static final int KEYS = 1_000_000;
    private static final int EARLY = 1_000;
    /** 100,000 buckets take ~50 MB; 1,000,000 unevicted would take ~500 MB. */
    private static final long BOUND_BYTES = 150L * 1024 * 1024;

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    @Timeout(60)
    void millionKeysStayBoundedAndEvictedKeysStartFull() throws InterruptedException {
        assertEquals(100_000, RateLimiter.MAX_KEYS);
        // one token per hour: nothing refills or expires during the test, only eviction can give a token back
        RateLimiter limiter = new RateLimiter(new RateLimitSpec(LimitKey.CONSUMER, 1, Duration.ofHours(1)), "mem");
        assertTrue(limiter.tryConsume("probe").admitted());
        RateLimiter.Result again = limiter.tryConsume("probe");
        assertFalse(again.admitted(), "a cached bucket keeps its state");
        assertEquals(3600, again.retryAfterSeconds());

        long before = usedHeapAfterGc();
        for (int i = 0; i < KEYS; i++) {
            RateLimiter.Result r = limiter.tryConsume("key-" + i);
            if (!r.admitted() || r.remaining() != 0) {
                throw new AssertionError("a new key starts with a full bucket of 1: key-" + i + " " + r);
            }
        }
        long grown = usedHeapAfterGc() - before;
        // the figure docs/throttling.md quotes
        System.out.printf("RateLimiterMemoryTest: heap grew by %.1f MB for %,d distinct keys (%,d cached)%n",
                grown / 1048576.0, KEYS, RateLimiter.MAX_KEYS);
        assertTrue(grown < BOUND_BYTES, "heap grew by " + grown / (1024 * 1024) + " MB for " + KEYS + " keys");

        assertFalse(limiter.tryConsume("key-" + (KEYS - 1)).admitted(), "the newest key is still cached, bucket empty");
        int startedFull = 0;
        for (int i = 0; i < EARLY; i++) {
            if (limiter.tryConsume("key-" + i).admitted()) startedFull++;
        }
        assertTrue(startedFull >= EARLY * 99 / 100, startedFull + " of the first " + EARLY + " keys were evicted");
        Reference.reachabilityFence(limiter);
    }
}
