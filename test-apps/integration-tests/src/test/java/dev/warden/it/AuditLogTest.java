package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The audit log of a run with allowed, denied, limited and masked requests (issue 7): one JSON line per request with
 * every field right, and no secret of the run anywhere in it or in the application's output — not the keys (right or
 * wrong), nor a cookie, nor a query value.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class AuditLogTest {
    private static final String APP = "spring-mvc";

    private final SecretScan secrets = new SecretScan();
    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;
    private Path auditFile;

    @BeforeAll
    void start() throws IOException {
        auditFile = Locations.workDir().resolve("audit").resolve("audit-" + APP + ".jsonl");
        Files.createDirectories(auditFile.getParent());
        Files.deleteIfExists(auditFile);
        policy = PolicyFiles.render("audit.yaml", "audit-" + APP + ".yaml", Map.of("auditFile", auditFile.toString(), "queue", "10000"));
        secrets.keys(policy);
        app = secrets.launch(AppProcess.builder(APP).policy(policy.path()).logName(APP + "-audit"));
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        secrets.closeAndCheck(app);
    }

    /** What one request must leave in the log. */
    private record Expected(String what, int status, String consumer, String auth, String route, String path,
                            String decision, Map<String, Integer> masked) {}

    @Test
    void everyRequestIsALineWithEveryFieldAndNoSecret() throws Exception {
        String reader = policy.key("reader");
        String admin = policy.key("admin");
        String wrong = secrets.secret("a wrong API key", PolicyFiles.newApiKey());
        String cookie = secrets.secret("a session cookie", "sess-" + PolicyFiles.newApiKey());
        String queryValue = secrets.secret("a query value", "q" + PolicyFiles.newApiKey());
        Instant before = Instant.now();
        List<Expected> expected = new ArrayList<>();
        Map<String, Integer> customerMasks = Map.of("$..ssn remove", 1, "$..card.number mask", 1, "$..email redact", 1);

        check(http.getWithHeaders("/api/customers/c-1001?token=" + queryValue, "X-API-Key", reader, "Cookie", "session=" + cookie), 200);
        expected.add(new Expected("allowed, masked", 200, "reader", "apiKey", "customers", "/api/customers/{id}", "allow", customerMasks));
        check(http.get("/api/customers/c-1001", null), 401);
        expected.add(new Expected("no key", 401, "anonymous", "", "customers", "/api/customers/{id}", "deny:unauthenticated", Map.of()));
        check(http.get("/api/customers/c-1001", wrong), 401);
        expected.add(new Expected("wrong key", 401, "anonymous", "", "customers", "/api/customers/{id}", "deny:unauthenticated", Map.of()));
        check(http.get("/api/admin/stats", reader), 403);
        expected.add(new Expected("forbidden", 403, "reader", "apiKey", "admin", "/api/admin/stats", "deny:forbidden", Map.of()));
        check(http.get("/api/admin/stats", admin), 200);
        expected.add(new Expected("admin", 200, "admin", "apiKey", "admin", "/api/admin/stats", "allow", Map.of()));
        check(http.get("/api/nowhere/42", admin), 404);
        expected.add(new Expected("no route", 404, "anonymous", "", "-", "/api/nowhere/{id}", "deny:not_found", Map.of()));
        check(http.get("/api/customers/c-1003", reader), 200);
        expected.add(new Expected("within the limit", 200, "reader", "apiKey", "limited", "/api/customers/{id}", "allow", Map.of()));
        check(http.get("/api/customers/c-1003", reader), 429);
        expected.add(new Expected("limited", 429, "reader", "apiKey", "limited", "/api/customers/{id}", "deny:rate_limited", Map.of()));
        check(http.get("/health", null), 200);
        expected.add(new Expected("health", 200, "anonymous", "", "health", "/health", "allow", Map.of()));

        List<JsonNode> lines = awaitLines(expected.size(), before); // (the readiness probes came before)
        Instant after = Instant.now();
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            JsonNode line = lines.get(i);
            Supplier<String> ctx = () -> e.what() + ": " + line;
            Instant time = Instant.parse(line.get("time").asText());
            assertTrue(!time.isBefore(before.minusSeconds(1)) && !time.isAfter(after), ctx);
            assertEquals(e.consumer(), line.get("consumer").asText(), ctx);
            assertEquals(e.auth(), String.join(",", texts(line.get("auth"))), ctx);
            assertEquals("127.0.0.1", line.get("clientIp").asText(), ctx);
            assertEquals("GET", line.get("method").asText(), ctx);
            assertEquals(e.route(), line.get("route").asText(), ctx);
            assertEquals(e.path(), line.get("path").asText(), ctx);
            assertEquals(e.status(), line.get("status").asInt(), ctx);
            assertEquals(e.decision(), line.get("decision").asText(), ctx);
            assertEquals(e.masked(), Fixture.JSON.convertValue(line.get("masked"), Map.class), ctx);
            assertTrue(line.get("latencyUs").asLong() >= 0, ctx);
            // clearCategories: all — every response the application served was read as it left; denials were not
            JsonNode clear = line.get("clear");
            if (e.status() == 200 && !e.route().equals("health") && !e.route().equals("admin")) {
                assertTrue(clear != null && clear.isArray(), ctx);
                List<String> categories = texts(clear);
                if (e.route().equals("customers")) {
                    // ssn removed, card.number masked, email redacted; but the phone and the free-text notes ("Paid
                    // with 4111 1111 1111 1111, contact ada@example.com") leave in clear, and the log says so
                    assertEquals(List.of("email", "pan", "phone"), categories, ctx);
                } else {
                    // the limited route masks nothing: all of it left in clear, and the log says so
                    assertTrue(categories.containsAll(List.of("ssn", "pan", "email", "phone")), ctx);
                }
            } else if (e.status() != 200) {
                assertTrue(clear == null, ctx);
            }
        }
        String log = Files.readString(auditFile, StandardCharsets.UTF_8);
        String found = secrets.findIn(log, "the audit log");
        assertTrue(found.isEmpty(), () -> "secrets in the audit log:\n" + found);
        assertTrue(!log.contains("token="), "a query string in the audit log");
    }

    private void check(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), () -> Http.describe(r) + "\n" + app.tail());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The audit lines of requests since {@code since}, once there are {@code n} (the log is written off the request threads). */
    private List<JsonNode> awaitLines(int n, Instant since) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        List<JsonNode> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = linesSince(since);
            if (lines.size() >= n) break;
            Thread.sleep(50);
        }
        if (lines.size() != n) fail("expected " + n + " audit lines, got " + lines.size() + ":\n" + lines);
        return lines;
    }

    private List<JsonNode> linesSince(Instant since) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(auditFile)) return out;
        for (String l : Files.readAllLines(auditFile, StandardCharsets.UTF_8)) {
            JsonNode line;
            try {
                line = Fixture.JSON.readTree(l);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + l, e);
            }
            if (!Instant.parse(line.get("time").asText()).isBefore(since)) out.add(line);
        }
        return out;
    }
}
