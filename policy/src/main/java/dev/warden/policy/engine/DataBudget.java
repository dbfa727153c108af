package dev.warden.policy.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.warden.policy.mask.ClearValueBudget;
import dev.warden.policy.model.DataBudgetSpec;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.util.function.Consumer;

/**
 * {@code dataBudget}: how many sensitive values a key may receive in clear per window. The window refills at once
 * when it ends (interval refill), so a spent budget stays spent "for the rest of the window". Values are taken one
 * at a time as the response is written, so even one huge response cannot overdraw it.
 */
final class DataBudget {

    private final DataBudgetSpec spec;
    private final String name;
    private final BucketPool buckets;
    private final Consumer<String> log;
    /** Keys whose spent budget was logged in this window: one line per key and window, not one per response. */
    private final Cache<String, Boolean> reported;

    DataBudget(DataBudgetSpec spec, String name, SharedBuckets shared, Consumer<String> log) {
        this.spec = spec;
        this.name = name;
        this.log = log;
        this.reported = Caffeine.newBuilder().executor(Runnable::run).maximumSize(10_000)
                .expireAfterWrite(spec.per()).build();
        int instances = shared == null ? 1 : shared.config().instances();
        this.buckets = new BucketPool(name, configuration(spec.maxValues()),
                configuration(Math.max(1, spec.maxValues() / instances)), spec.per(), shared);
    }

    private BucketConfiguration configuration(long values) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(values).refillIntervally(values, spec.per()).build())
                .build();
    }

    DataBudgetSpec spec() {
        return spec;
    }

    /** Whether anything is left for {@code key} (with the store down and no fallback: nothing is). */
    boolean spent(String key) {
        Long left = buckets.apply(key, b -> b.getAvailableTokens());
        return left == null || left <= 0;
    }

    /** Seconds until the key's window ends (for Retry-After when onExhausted is deny). */
    long secondsToRefill(String key) {
        Long nanos = buckets.apply(key, b -> b.estimateAbilityToConsume(1).getNanosToWaitForRefill());
        return Math.max(1, RateLimiter.ceilSeconds(nanos == null ? 1_000_000_000L : nanos));
    }

    /** The budget one response draws on. A value the store cannot confirm is not given out in clear. */
    ClearValueBudget lease(String key, String consumer) {
        return () -> {
            if (Boolean.TRUE.equals(buckets.apply(key, b -> b.tryConsume(1)))) return true;
            if (reported.asMap().putIfAbsent(key, Boolean.TRUE) == null) {
                log.accept("data budget " + name + " spent for consumer " + consumer + " (" + spec.maxValues()
                        + " values per " + spec.per().toSeconds() + "s); values it would receive in clear are "
                        + (spec.denyWhenSpent() ? "refused with 429" : "redacted") + " until the window ends");
            }
            return false;
        };
    }
}
