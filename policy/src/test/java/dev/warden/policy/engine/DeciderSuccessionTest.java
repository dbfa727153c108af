package dev.warden.policy.engine;

import static dev.warden.policy.engine.DeciderTest.assertDenied;
import static dev.warden.policy.engine.DeciderTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.policy.LoadResult;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.auth.Authenticator;
import dev.warden.policy.auth.Authenticators;
import dev.warden.policy.model.Policy;
import dev.warden.policy.model.RateLimitStoreConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A reloaded policy's engine ({@link Decider#succeeding}) takes over the state of what the new policy defines the
 * same way — remaining tokens, spent data budgets, requests in flight, the store's connections, the JWT and
 * introspection caches — and starts fresh for whatever changed.
 */
class DeciderSuccessionTest {

    private static String sha(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static final String POLICY = """
            version: 1
            consumers:
              - { id: acme, apiKeys: [{ sha256: "%s" }] }
            authentication:
              apiKey: { header: X-API-Key }
              jwt:
                issuer: https://idp.example.test/
                audiences: [api]
                jwks: https://idp.example.test/jwks.json
                algorithms: [RS256]
            defaults:
              authenticate: [apiKey]
            rateLimits: [{ by: ip, limit: 1000, per: 1h }]
            routes:
              - id: kept
                match: { path: /kept }
                rateLimits: [{ by: consumer, limit: 5, per: 1h }]
              - id: changed
                match: { path: /changed }
                rateLimits: [{ by: consumer, limit: 5, per: 1h }]
              - id: slow
                match: { path: /slow }
                maxConcurrent: 1
            """.formatted(sha("acme-key"));

    private static Policy policy(String yaml) {
        LoadResult r = PolicyLoader.parse("p.yaml", yaml, name -> null);
        assertTrue(r.ok(), () -> r.errors().toString());
        return r.policy();
    }

    /** The {@code r} (remaining) of the RateLimit item named {@code name}. */
    private static long remaining(Decision d, String name) {
        for (int i = 0; i + 1 < d.headers().size(); i += 2) {
            if (!d.headers().get(i).equals("RateLimit")) continue;
            Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\";r=(\\d+)").matcher(d.headers().get(i + 1));
            if (m.find()) return Long.parseLong(m.group(1));
        }
        throw new AssertionError("no RateLimit item " + name + " in " + d.headers());
    }

    private static Decision call(Decider d, String path) {
        return d.decide(get(path).key("acme-key").ip("192.0.2.7"));
    }

    @Test
    void unchangedLimitsKeepTheirTokensChangedOnesStartFresh() {
        Decider before = new Decider(policy(POLICY));
        for (int i = 0; i < 3; i++) call(before, "/kept");
        for (int i = 0; i < 3; i++) call(before, "/changed");
        assertEquals(1, remaining(call(before, "/kept"), "kept"));

        Decider after = Decider.succeeding(before, policy(POLICY.replace(
                "match: { path: /changed }\n    rateLimits: [{ by: consumer, limit: 5, per: 1h }]",
                "match: { path: /changed }\n    rateLimits: [{ by: consumer, limit: 7, per: 1h }]")));
        assertEquals(0, remaining(call(after, "/kept"), "kept"), "the 5th token of an unchanged limit");
        assertDenied(call(after, "/kept"), 429, "deny:rate_limited");
        Decision changed = call(after, "/changed");
        assertEquals(6, remaining(changed, "changed"), "a changed limit starts with a full bucket");
        // The policy-wide limit is unchanged: one bucket across the reload (4 + 3 before, 2 after; the refused one refunded).
        assertEquals(1000 - 9, remaining(changed, "global"));
    }

    @Test
    void theOldEngineStillDecidesWithTheSameBuckets() {
        Decider before = new Decider(policy(POLICY));
        Decider after = Decider.succeeding(before, policy(POLICY + "\n"));
        // A request decided by the old engine during the swap counts against the same bucket as the new one's.
        assertEquals(4, remaining(call(before, "/kept"), "kept"));
        assertEquals(3, remaining(call(after, "/kept"), "kept"));
        assertEquals(2, remaining(call(before, "/kept"), "kept"));
    }

    @Test
    void aConcurrencySlotHeldAcrossTheReloadStaysHeldUntilItsRequestEnds() {
        Decider before = new Decider(policy(POLICY));
        Decision inFlight = call(before, "/slow");
        assertFalse(inFlight.denied());
        Decider after = Decider.succeeding(before, policy(POLICY));
        assertDenied(call(after, "/slow"), 429, "deny:concurrency");
        inFlight.complete(); // the request the old engine admitted ends
        Decision next = call(after, "/slow");
        assertFalse(next.denied(), next.reason());
    }

    @Test
    void aLimitMovedToAnotherRouteIdStartsFresh() {
        Decider before = new Decider(policy(POLICY));
        for (int i = 0; i < 5; i++) call(before, "/kept");
        assertDenied(call(before, "/kept"), 429, "deny:rate_limited");
        Decider after = Decider.succeeding(before, policy(POLICY.replace("id: kept", "id: kept-v2")));
        assertEquals(4, remaining(call(after, "/kept"), "kept-v2"));
    }

    @Test
    void anUnchangedJwtAuthenticatorIsKeptWithItsCaches() {
        Policy first = policy(POLICY);
        Map<String, Authenticator> before = Authenticators.forPolicy(first);
        Map<String, Authenticator> same = Authenticators.succeeding(
                policy(POLICY.replace("maxConcurrent: 1", "maxConcurrent: 2")), first, before);
        assertSame(before.get("jwt"), same.get("jwt"));
        assertNotSame(before.get("apiKey"), same.get("apiKey"), "API keys follow the new consumers");
        Map<String, Authenticator> changed = Authenticators.succeeding(
                policy(POLICY.replace("audiences: [api]", "audiences: [api, api2]")), first, before);
        assertNotSame(before.get("jwt"), changed.get("jwt"));
    }

    @Test
    void theSharedStoreClosesWhenTheLastPolicyUsingItIsClosed() {
        RateLimitStoreConfig config = new RateLimitStoreConfig("redis://127.0.0.1:1", Duration.ofMillis(50),
                RateLimitStoreConfig.OnFailure.LOCAL, 2);
        SharedBuckets store = new SharedBuckets(config, message -> { });
        store.retain(); // a reloaded policy took it over
        store.close();  // the old policy's engine is closed
        assertFalse(store.closed(), "the new policy still uses it");
        store.close();
        assertTrue(store.closed());
    }

    @Test
    void aChangedLimitHasAnotherRedisKeyVersion() {
        BucketConfiguration five = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(5).refillGreedy(5, Duration.ofHours(1)).build()).build();
        BucketConfiguration fiveAgain = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(5).refillGreedy(5, Duration.ofHours(1)).build()).build();
        BucketConfiguration seven = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(7).refillGreedy(7, Duration.ofHours(1)).build()).build();
        assertEquals(SharedBuckets.version(five), SharedBuckets.version(fiveAgain));
        assertNotEquals(SharedBuckets.version(five), SharedBuckets.version(seven));
    }
}
