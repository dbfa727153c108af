package dev.warden.it;

import static dev.warden.it.Http.assertProblem;
import static dev.warden.it.Http.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Throttling end to end (policies/throttling.yaml): keys and trusted proxies, many threads on one bucket, several
 * limits, tiers, concurrency caps with slow requests and client aborts, sensitive-data budgets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class ThrottlingTest {
    private static final String APP = "spring-mvc";

    private final SecretScan secrets = new SecretScan();
    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;

    @BeforeAll
    void start() {
        policy = PolicyFiles.render("throttling.yaml", "throttling-" + APP + ".yaml");
        secrets.keys(policy);
        app = secrets.launch(AppProcess.builder(APP).policy(policy.path()).logName(APP + "-throttling"));
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        secrets.closeAndCheck(app);
    }

    private HttpResponse<String> get(String path, String consumer, String... headers) {
        List<String> all = new ArrayList<>(List.of(Http.API_KEY_HEADER, policy.key(consumer)));
        all.addAll(List.of(headers));
        return http.getWithHeaders(path, all.toArray(new String[0]));
    }

    private int admitted(int attempts, java.util.function.Supplier<HttpResponse<String>> request) {
        int ok = 0;
        for (int i = 0; i < attempts; i++) {
            HttpResponse<String> r = request.get();
            if (r.statusCode() == 200) ok++;
            else assertProblem(429, r, app::tail);
        }
        return ok;
    }

    @Test
    void clientAddressComesFromTrustedProxiesOnlyAndSpoofingChangesNothing() throws Exception {
        InetAddress untrusted = InetAddress.getByName("127.0.0.2");
        // An untrusted peer (127.0.0.2) that varies X-Forwarded-For still has one bucket: its own address.
        int spoofedOk = 0;
        for (int i = 0; i < 5; i++) {
            RawHttp.Response r = RawHttp.getFrom(untrusted, app.port(), "/api/debug/headers",
                    "X-Forwarded-For: 203.0.113." + i);
            if (r.statusCode() == 200) spoofedOk++;
            else assertEquals(429, r.statusCode(), r::toString);
        }
        assertEquals(2, spoofedOk, "limit 2 per address, whatever the spoofed header says");
        // Behind the trusted proxy (127.0.0.1), the right-most untrusted hop is the client; a prepended hop is not.
        assertEquals(2, admitted(4, () -> http.getWithHeaders("/api/debug/headers", "X-Forwarded-For", "198.51.100.1")));
        assertEquals(0, admitted(2, () -> http.getWithHeaders("/api/debug/headers",
                "X-Forwarded-For", "10.9.9.9, 198.51.100.1")), "the same client with a spoofed left-most hop");
        assertEquals(2, admitted(3, () -> http.getWithHeaders("/api/debug/headers", "X-Forwarded-For", "198.51.100.2")),
                "another client behind the proxy has its own bucket");
    }

    @Test
    void sixtyFourThreadsOnOneKeyGetExactlyTheLimit() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(8)).build();
        HttpRequest request = HttpRequest.newBuilder(http.uri("/api/admin/stats"))
                .header(Http.API_KEY_HEADER, policy.key("hammer")).timeout(Duration.ofSeconds(30)).build();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 10; i++) {
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 200) ok.incrementAndGet();
                    else if (status == 429) limited.incrementAndGet();
                    else throw new AssertionError("status " + status);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) f.get();
        pool.shutdown();
        assertEquals(640, ok.get() + limited.get());
        // limit 300 per hour refills one token per 12 s: in a run of a few seconds at most one more can appear
        assertTrue(ok.get() >= 300 && ok.get() <= 301, ok.get() + " admitted of 640 (limit 300)");
    }

    @Test
    void twoLimitsOnOneRouteBothApplyAndLegacyHeadersFollowTheTightest() {
        HttpResponse<String> first = get("/api/customers", "two-limits", "X-Session", "a");
        assertStatus(200, first, app::tail);
        assertEquals("\"list\";q=4;w=3600, \"list.2\";q=2;w=3600", first.headers().firstValue("RateLimit-Policy").orElse(""));
        assertEquals("2", first.headers().firstValue("X-RateLimit-Limit").orElse(""), Http.describe(first));
        assertEquals("1", first.headers().firstValue("X-RateLimit-Remaining").orElse(""), Http.describe(first));
        HttpResponse<String> second = get("/api/customers", "two-limits", "X-Session", "a");
        assertStatus(200, second, app::tail);
        HttpResponse<String> third = get("/api/customers", "two-limits", "X-Session", "a");
        assertProblem(429, third, app::tail);
        assertTrue(Long.parseLong(Http.requireHeader(third, "Retry-After", app::tail)) > 1000, Http.describe(third));
        // another session: the per-session limit is fresh, the per-consumer one (4, 2 used) admits 2 more
        assertEquals(2, admitted(3, () -> get("/api/customers", "two-limits", "X-Session", "b")));
        assertEquals(0, admitted(1, () -> get("/api/customers", "two-limits", "X-Session", "c")),
                "the consumer's own limit of 4 is spent, whatever the session");
    }

    @Test
    void tierLimitsApplyWithoutNewRoutes() {
        assertEquals(3, admitted(5, () -> get("/api/customers/c-1002/raw", "gold")));
        assertEquals(2, admitted(5, () -> get("/api/customers/c-1002/raw", "free")));
        assertEquals(1, admitted(5, () -> get("/api/customers/c-1002/raw", "other")));
    }

    private JsonNode concurrency() {
        return Http.json(http.get("/api/debug/concurrency", null));
    }

    @Test
    void maxConcurrentAdmitsExactlyTwoAtATimeAndAbortedClientsFreeTheirSlots() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(http.uri("/api/debug/slow?ms=1500"))
                    .header(Http.API_KEY_HEADER, policy.key("slow")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        int ok = 0;
        for (CompletableFuture<HttpResponse<String>> c : calls) {
            HttpResponse<String> r = c.get();
            if (r.statusCode() == 200) ok++;
            else assertEquals("1", assertProblemAndRetry(r));
        }
        assertEquals(2, ok, "10 parallel slow requests, maxConcurrent 2");
        assertEquals(2, concurrency().path("maxInFlight").asInt(), "the application never ran more than 2 at once");

        // Two clients send a slow request and hang up at once: their slots stay taken until the handlers finish...
        for (int i = 0; i < 2; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
                s.getOutputStream().write(("GET /api/debug/slow?ms=1500 HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                        + policy.key("slow-b") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
            }
        }
        awaitInFlight(2);
        assertProblem(429, get("/api/debug/slow?ms=1", "slow-b"), app::tail);
        // ...and are free again once they have: nothing leaks
        awaitInFlight(0);
        assertEquals(2, calls(2, "/api/debug/slow?ms=300", "slow-b"), "both slots free after the aborted requests ended");
    }

    private String assertProblemAndRetry(HttpResponse<String> r) {
        assertProblem(429, r, app::tail);
        return Http.requireHeader(r, "Retry-After", app::tail);
    }

    private int calls(int parallel, String path, String consumer) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(http.uri(path)).header(Http.API_KEY_HEADER, policy.key(consumer))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        int ok = 0;
        for (CompletableFuture<HttpResponse<String>> c : calls) if (c.get().statusCode() == 200) ok++;
        return ok;
    }

    private void awaitInFlight(int expected) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (concurrency().path("inFlight").asInt() != expected) {
            if (System.nanoTime() > deadline) fail("the app never had " + expected + " slow calls in flight: " + concurrency());
            AppProcess.sleep(25);
        }
    }

    @Test
    void aStreamingResponseAbortedByTheClientFreesItsSlot() throws Exception {
        // maxConcurrent 1 on the export: read the start of a long export, then hang up
        HttpResponse<InputStream> stream = http.getStream("/api/customers/export?count=2000000", policy.key("other"),
                Duration.ofSeconds(10));
        assertStatus(200, stream, app::tail);
        try (InputStream in = stream.body()) {
            assertTrue(in.readNBytes(4096).length == 4096);
            assertProblem(429, get("/api/customers/export?count=1", "other"), app::tail);
        }
        // The app notices the abort at its next write, fails, and Warden frees the slot
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            HttpResponse<String> r = get("/api/customers/export?count=1", "other");
            if (r.statusCode() == 200) break;
            assertProblem(429, r, app::tail);
            if (System.nanoTime() > deadline) fail("the slot of the aborted export was never freed\n" + app.tail());
            AppProcess.sleep(100);
        }
    }

    @Test
    void threeCallersSeeThreeDifferentBodiesForTheSameUrl() {
        JsonNode billing = Http.json(get("/api/customers/c-1001", "gold"));
        JsonNode support = Http.json(get("/api/customers/c-1001", "free"));
        JsonNode others = Http.json(get("/api/customers/c-1001", "other"));
        assertEquals("4111111111111111", billing.path("card").path("number").asText());
        assertEquals("ada@example.com", billing.path("email").asText());
        assertEquals("************1111", support.path("card").path("number").asText());
        assertEquals(Fixture.REDACTED, support.path("email").asText());
        assertFalse(others.path("card").has("number"), others.toString());
        assertEquals(Fixture.REDACTED, others.path("email").asText());
        for (JsonNode body : List.of(billing, support, others)) assertFalse(body.has("ssn"), body.toString());
    }

    @Test
    void spentDataBudgetRedactsWhatWouldPassInClear() {
        // "budget" is billing: email and card.number (in that order in the record) in clear, 2 values each, 5 per hour
        Map<String, String> seen = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            JsonNode r = Http.json(get("/api/customers/c-1001", "budget"));
            seen.put("response " + (i + 1), r.path("card").path("number").asText() + " " + r.path("email").asText());
        }
        assertEquals(Map.of(
                "response 1", "4111111111111111 ada@example.com",
                "response 2", "4111111111111111 ada@example.com",
                "response 3", "[REDACTED] ada@example.com",
                "response 4", "[REDACTED] [REDACTED]"), seen);
        assertTrue(app.stderrText().contains("data budget budget.customer spent for consumer budget"), app.tail());
    }

    @Test
    void spentDataBudgetCanDenyInstead() {
        String record = "{\"name\":\"Eve\",\"email\":\"eve@example.com\",\"card\":{\"number\":\"4000056655665556\"}}";
        HttpResponse<String> first = http.postJson("/api/customers", policy.key("budget-deny"), record);
        assertStatus(201, first, app::tail);
        assertEquals("4000056655665556", Http.json(first).path("card").path("number").asText(), first.body());
        HttpResponse<String> second = http.postJson("/api/customers", policy.key("budget-deny"), record);
        JsonNode problem = assertProblem(429, second, app::tail);
        assertTrue(problem.path("type").asText().endsWith("data-budget-spent"), problem.toString());
        assertTrue(Long.parseLong(Http.requireHeader(second, "Retry-After", app::tail)) > 3000);
    }
}
