package dev.warden.policy.engine;

import dev.warden.policy.LoadResult;
import dev.warden.policy.PolicyLoader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import redis.clients.jedis.Jedis;

/**
 * The throttling part of a decision, alone (in the engine's package to reach {@link Throttle}): the key, the token
 * bucket(s), the RateLimit header values, for one caller that is always admitted. {@code store=local} is the
 * in-JVM bucket; {@code store=redis} the same through Redis ({@code -Dwarden.bench.redis=redis://127.0.0.1:6379}),
 * next to {@link #redisPing} — one bare round trip — to read the store's cost in round trips.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ThrottleBenchmark {

    @Param({"local"})
    public String store;

    private Throttle throttle;
    private LimitContext oneLimit;
    private LimitContext composite;
    private Jedis jedis;

    private static final String POLICY = """
            version: 1
            %s
            routes:
              - id: one
                match: { path: /one }
                rateLimits: [{ by: consumer, limit: 1000000000, per: 1s }]
              - id: composite
                match: { path: /composite }
                rateLimits:
                  - { by: [consumer, ip], limit: 1000000000, per: 1s }
                  - { by: "header:X-Tenant", limit: 1000000000, per: 1s, burst: 1000000000 }
                maxConcurrent: 1000
            """;

    @Setup(Level.Trial)
    public void setup() {
        String redis = System.getProperty("warden.bench.redis", "redis://127.0.0.1:6379");
        String storeYaml = store.equals("redis")
                ? "rateLimitStore: { redis: { uri: \"" + redis + "\", timeout: 1s }, onFailure: deny }" : "";
        LoadResult loaded = PolicyLoader.parse("bench.yaml", POLICY.formatted(storeYaml), n -> null);
        if (!loaded.ok()) throw new IllegalStateException(loaded.errors().toString());
        throttle = new Throttle(loaded.policy(), message -> System.err.println("warden: " + message));
        Caller caller = new Caller("acme", Map.of(), Map.of(), java.util.Set.of(), Map.of(), List.of("apiKey"));
        RequestView request = new RequestView() {
            public String method() { return "GET"; }
            public String rawPath() { return "/one"; }
            public String query() { return null; }
            public List<String> headers(String name) { return name.equalsIgnoreCase("X-Tenant") ? List.of("t-1") : List.of(); }
            public List<String> headerNames() { return List.of("X-Tenant"); }
            public String clientIp() { return "192.0.2.1"; }
        };
        oneLimit = new LimitContext("one", caller, request, Map.of(), "192.0.2.1");
        composite = new LimitContext("composite", caller, request, Map.of(), "192.0.2.1");
        if (store.equals("redis")) jedis = new Jedis(java.net.URI.create(redis));
        check(throttle.admit(0, oneLimit));
        check(throttle.admit(1, composite));
    }

    private static Throttle.Admission check(Throttle.Admission a) {
        if (a.problem() != null) throw new IllegalStateException("denied: " + a.reason() + " (is Redis up?)");
        return a;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        check(throttle.admit(0, oneLimit));
        throttle.close();
        if (jedis != null) jedis.close();
    }

    /** One limit by consumer. */
    @Benchmark
    public Throttle.Admission oneLimit() {
        return throttle.admit(0, oneLimit);
    }

    /** Two limits (a composite key and a header key) and a concurrency slot taken and given back. */
    @Benchmark
    public Throttle.Admission twoLimitsAndConcurrency() {
        Throttle.Admission a = throttle.admit(1, composite);
        a.completion().run();
        return a;
    }

    /** One Redis PING from this thread: the round trip the Redis store's figures are read against. */
    @Benchmark
    public String redisPing() {
        return jedis == null ? "" : jedis.ping();
    }
}
