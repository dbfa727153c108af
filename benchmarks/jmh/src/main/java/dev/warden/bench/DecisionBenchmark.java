package dev.warden.bench;

import dev.warden.policy.LoadResult;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.engine.Decider;
import dev.warden.policy.engine.Decision;
import dev.warden.policy.engine.RequestView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The per-request decision cost: {@link Decider#decide} for an API-key request that is allowed on a route with one
 * rate limit and three field rules. That is route matching (canonical path, a first route that does not match),
 * the key's SHA-256 and constant-time lookup, one token-bucket consume, the RateLimit header values and the
 * Decision carrying the mask plan. Masking the response itself is {@link WireMaskerBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionBenchmark {

    private static final String API_KEY = "bench-acme-key-0123456789";

    /** The README's example policy, minus the CEL route; the limit (10^9 per second) never denies. */
    private static final String POLICY = """
            version: 1
            mode: enforce
            consumers:
              - id: acme
                apiKeys:
                  - sha256: "%s"
                attributes: { roles: [reader], tier: partner }
            authentication:
              apiKey: { header: X-API-Key }
            defaults:
              authenticate: [apiKey]
              unmatched: deny
            routes:
              - id: health
                match: { path: /health, methods: [GET] }
                authenticate: none
              - id: customers
                match: { path: "/api/customers/**" }
                rateLimits:
                  - { by: consumer, limit: 1000000000, per: 1s }
                response:
                  fields:
                    - { select: ["$..ssn"], action: remove }
                    - { select: ["$..card.number"], action: mask, keepLast: 4 }
                    - { select: ["$..email"], action: redact }
            """;

    private Decider decider;
    private RequestView request;

    @Setup
    public void setup() throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(API_KEY.getBytes(StandardCharsets.UTF_8)));
        LoadResult loaded = PolicyLoader.parse("bench-policy.yaml", POLICY.formatted(hash), name -> null);
        if (!loaded.ok()) throw new IllegalStateException("the benchmark policy does not load: " + loaded.errors());
        decider = new Decider(loaded.policy());
        request = new FakeRequest("GET", "/api/customers/c-1001", Map.of("X-API-Key", API_KEY, "Accept", "application/json"));
        check();
    }

    /** Still allowed at the end: a denial (wrong key, rate limit hit) would have measured the wrong path. */
    @TearDown
    public void tearDown() {
        check();
    }

    @Benchmark
    public Decision decide() {
        return decider.decide(request);
    }

    private void check() {
        Decision d = decider.decide(request);
        if (d.problem() != null || !"customers".equals(d.routeId()) || !"acme".equals(d.consumerId()) || d.maskPlan() == null) {
            throw new IllegalStateException("expected an allowed acme request on 'customers' with a mask plan, got "
                    + d.reason() + " on " + d.routeId() + " for " + d.consumerId());
        }
    }
}
