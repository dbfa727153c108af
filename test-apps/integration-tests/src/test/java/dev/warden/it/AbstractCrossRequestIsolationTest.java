package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Per-request state must stay with its request: 500 requests at once from three callers whose views of the same
 * record differ, interleaved with requests that echo the identity Warden forwards to the application. Every body
 * must be exactly its caller's view and every forwarded identity its caller's — with the app on virtual threads on
 * JDK 21+ (the app says which kind of thread served each identity request), on platform threads before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
abstract class AbstractCrossRequestIsolationTest {

    private static final List<String> CALLERS = List.of("gold", "free", "other");
    private static final int REQUESTS = 500;

    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;

    protected abstract String appName();

    /** What makes the app serve requests on virtual threads on JDK 21+ (or nothing, where that is its default). */
    protected abstract AppProcess.Builder threading(AppProcess.Builder app);

    /** The kind of thread every request must be served on: virtual from JDK 21, platform before. */
    protected String expectedThreads() {
        return Runtime.version().feature() >= 21 ? "virtual" : "platform";
    }

    @BeforeAll
    void start() {
        policy = PolicyFiles.render("isolation.yaml", "isolation-" + appName() + ".yaml");
        app = threading(AppProcess.builder(appName()).policy(policy.path()).logName(appName() + "-isolation")).start().awaitReady();
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) app.close();
    }


    @Test
    void fiveHundredConcurrentRequestsEachSeeOnlyTheirOwnCallersViewAndIdentity() throws Exception {
        Map<String, JsonNode> expected = Map.of(
                "gold", view(http.get("/api/customers/c-1001", policy.key("gold"))),
                "free", view(http.get("/api/customers/c-1001", policy.key("free"))),
                "other", view(http.get("/api/customers/c-1001", policy.key("other"))));
        // the three views really differ (else the test could not tell them apart)
        assertEquals("4111111111111111", expected.get("gold").path("card").path("number").asText());
        assertEquals("************1111", expected.get("free").path("card").path("number").asText());
        assertTrue(expected.get("other").path("card").path("number").isMissingNode(), expected.get("other").toString());

        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(64);
        try {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String caller = CALLERS.get(i % CALLERS.size());
                boolean identity = i % 5 == 4;
                all.add(CompletableFuture.runAsync(() -> {
                    if (identity) {
                        HttpResponse<String> r = http.get("/api/debug/headers", policy.key(caller));
                        JsonNode h = Http.json(r);
                        String consumer = h.path("x-warden-consumer").path(0).asText();
                        String tenant = h.path("x-warden-consumer-tenant").path(0).asText();
                        if (r.statusCode() != 200 || !consumer.equals(caller) || !tenant.equals("t-" + caller)) {
                            problems.add(caller + " saw identity " + consumer + "/" + tenant + " (" + r.statusCode() + ")");
                        }
                        String thread = r.headers().firstValue("X-App-Thread").orElse("?");
                        if (!thread.equals(expectedThreads())) {
                            problems.add("served on a " + thread + " thread, expected " + expectedThreads());
                        }
                    } else {
                        HttpResponse<String> r = http.get("/api/customers/c-1001", policy.key(caller));
                        JsonNode body = r.statusCode() == 200 ? Http.json(r) : null;
                        if (body == null || !body.equals(expected.get(caller))) {
                            problems.add(caller + " got " + r.statusCode() + " " + r.body());
                        }
                    }
                }, clients));
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(150, TimeUnit.SECONDS);
        } finally {
            clients.shutdownNow();
        }
        assertTrue(problems.isEmpty(), () -> problems.size() + " of " + REQUESTS + " requests saw another's view or identity, e.g. "
                + problems.stream().limit(5).toList() + "\n" + app.tail());
    }

    private JsonNode view(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), () -> Http.describe(r) + "\n" + app.tail());
        return Http.json(r);
    }
}
