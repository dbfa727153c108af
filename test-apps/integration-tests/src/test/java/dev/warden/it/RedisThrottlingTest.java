package dev.warden.it;

import static dev.warden.it.Http.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Cluster mode (policies/redis.yaml): two app JVMs share their buckets through a real Redis; a third one has
 * {@code onFailure: deny}. Then Redis is killed (local fallback at limit / instances, or 503) and started again
 * (shared limits resume by themselves).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(240)
class RedisThrottlingTest {
    private static final String APP = "spring-mvc";
    /** The Redis timeout in the policy is 500 ms: a request waits for one at most, never for seconds. */
    private static final Duration NO_HANG = Duration.ofSeconds(2);

    private final SecretScan secrets = new SecretScan();
    private RedisServer redis;
    private PolicyFiles.Policy local;
    private PolicyFiles.Policy deny;
    private AppProcess a;
    private AppProcess b;
    private AppProcess c;

    @BeforeAll
    void start() {
        redis = RedisServer.start();
        local = PolicyFiles.render("redis.yaml", "redis-local.yaml", Map.of("redis", redis.uri(), "onFailure", "local"));
        deny = PolicyFiles.render("redis.yaml", "redis-deny.yaml", Map.of("redis", redis.uri(), "onFailure", "deny"));
        secrets.keys(local);
        secrets.keys(deny);
        a = AppProcess.builder(APP).policy(local.path()).logName(APP + "-redis-a").start();
        b = AppProcess.builder(APP).policy(local.path()).logName(APP + "-redis-b").start();
        c = AppProcess.builder(APP).policy(deny.path()).logName(APP + "-redis-deny").start();
        for (AppProcess app : List.of(a, b, c)) {
            secrets.app(app);
            app.awaitReady();
        }
    }

    @AfterAll
    void stop() {
        try {
            secrets.closeAndCheck(a, b, c);
        } finally {
            if (redis != null) redis.close();
        }
    }

    private String context() {
        return "Redis: " + redis.how() + "\n--- A\n" + a.tail() + "\n--- B\n" + b.tail();
    }

    @Test
    @Order(1)
    void twoInstancesHammeredBySixtyFourThreadsAdmitExactlyTheSharedLimit() throws Exception {
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger[] perApp = {new AtomicInteger(), new AtomicInteger()};
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
            int which = t % 2;
            HttpRequest request = HttpRequest.newBuilder(new Http((which == 0 ? a : b).port()).uri("/api/admin/stats"))
                    .header(Http.API_KEY_HEADER, local.key("hammer")).timeout(Duration.ofSeconds(30)).build();
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 10; i++) {
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 200) {
                        ok.incrementAndGet();
                        perApp[which].incrementAndGet();
                    } else if (status != 429) {
                        throw new AssertionError("status " + status);
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) f.get();
        pool.shutdown();
        // 200 per hour refills one token per 18 s: a run of a few seconds may see one more, never more than that
        assertTrue(ok.get() >= 200 && ok.get() <= 201, ok.get() + " admitted of 640 across two instances (limit 200); "
                + "A " + perApp[0] + ", B " + perApp[1] + "\n" + context());
        assertTrue(perApp[0].get() > 0 && perApp[1].get() > 0, "both instances admitted some: A " + perApp[0] + ", B " + perApp[1]);
        assertTrue(redis.command("KEYS warden:*").contains("warden:shared:"), "the bucket lives in Redis: " + redis.command("KEYS warden:*"));
    }

    /** Sends {@code n} requests to {@code app}, none of which may take longer than {@link #NO_HANG}; returns the 200s. */
    private int admitted(AppProcess app, String consumer, int n, List<Integer> otherStatuses) {
        Http http = new Http(app.port());
        int ok = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.get("/api/debug/headers", local.key(consumer));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertTrue(took.compareTo(NO_HANG) < 0, "a request took " + took.toMillis() + " ms\n" + context());
            if (r.statusCode() == 200) ok++;
            else otherStatuses.add(r.statusCode());
        }
        return ok;
    }

    @Test
    @Order(2)
    void redisKilledMeansLocalBucketsOr503ThenSharedLimitsResume() {
        redis.kill();
        List<Integer> others = new ArrayList<>();
        // onFailure local: this instance keeps limit / instances = 40 / 2 = 20 for itself
        assertEquals(20, admitted(a, "outage", 30, others), "local fallback on A; others " + others + "\n" + context());
        assertTrue(others.stream().allMatch(s -> s == 429), others.toString());
        assertTrue(a.stderrText().contains("rate-limit store redis://127.0.0.1:" + redis.port() + " is unreachable"), a.tail());
        // onFailure deny: 503 problem, quickly
        Http onC = new Http(c.port());
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = onC.get("/api/debug/headers", deny.key("outage"));
            assertTrue(System.nanoTime() - t0 < NO_HANG.toNanos());
            assertProblem(503, r, c::tail);
        }

        redis.restart();
        AppProcess.sleep(1500); // the store is probed again at most 1 s after a failure
        others.clear();
        // Shared again: all 40 on one instance (the fallback would have stopped at 20)
        assertEquals(40, admitted(a, "after", 50, others), "after the restart; others " + others + "\n" + context());
        assertTrue(a.stderrText().contains("answers again; shared limits resume"), a.tail());
        assertTrue(redis.command("KEYS warden:*").contains("warden:small:"), redis.command("KEYS warden:*"));
        assertEquals(0, admitted(b, "after", 3, others), "B sees the same spent bucket\n" + context());
        HttpResponse<String> onDeny = new Http(c.port()).get("/api/debug/headers", deny.key("hammer"));
        assertEquals(200, onDeny.statusCode(), "the deny instance admits again once Redis is back\n" + c.tail());
    }
}
