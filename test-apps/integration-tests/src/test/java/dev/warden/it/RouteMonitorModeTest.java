package dev.warden.it;

import static dev.warden.it.Http.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code mode: monitor} on one route of an enforced policy (issue 7): that route decides every request and records
 * what it would have done ({@code would_deny:*} in the audit log) but changes nothing on the wire — no 401, no 429,
 * no masking — while the other routes go on enforcing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class RouteMonitorModeTest {
    private static final String APP = "spring-mvc";

    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;
    private Path auditFile;

    @BeforeAll
    void start() throws IOException {
        auditFile = Locations.workDir().resolve("audit").resolve("route-monitor-" + APP + ".jsonl");
        Files.createDirectories(auditFile.getParent());
        Files.deleteIfExists(auditFile);
        policy = PolicyFiles.render("route-monitor.yaml", "route-monitor-" + APP + ".yaml",
                Map.of("auditFile", auditFile.toString(), "queue", "10000"));
        app = AppProcess.builder(APP).policy(policy.path()).logName(APP + "-route-monitor").start().awaitReady();
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) app.close();
    }

    @Test
    void startupLineNamesTheRouteInMonitorMode() {
        String line = Diagnostics.assertStartupLine(app, policy.given(), "enforce", 3);
        assertTrue(line.contains("monitor on route customers"), line);
    }

    @Test
    void theMonitoredRouteChangesNothingAndRecordsWhatItWouldHaveDone() throws Exception {
        String reader = policy.key("reader");
        Instant before = Instant.now();

        HttpResponse<String> anonymous = http.get("/api/customers/c-1001", null);
        assertStatus(200, anonymous, app::tail);
        Fixture.assertSameJson(Fixture.customer("c-1001"), Http.json(anonymous), () -> Http.describe(anonymous));

        HttpResponse<String> first = http.get("/api/customers/c-1002", reader);
        assertStatus(200, first, app::tail);
        Fixture.assertSameJson(Fixture.customer("c-1002"), Http.json(first), () -> "not masked in monitor mode: " + Http.describe(first));
        HttpResponse<String> overLimit = http.get("/api/customers/c-1002", reader);
        assertStatus(200, overLimit, app::tail);
        assertTrue(overLimit.headers().firstValue("RateLimit").isEmpty(), () -> Http.describe(overLimit));
        assertTrue(overLimit.headers().firstValue("Retry-After").isEmpty(), () -> Http.describe(overLimit));

        // The rest of the policy is enforced.
        Http.assertProblem(401, http.get("/api/admin/stats", null), app::tail);
        Http.assertProblem(403, http.get("/api/admin/stats", reader), app::tail);

        List<JsonNode> lines = awaitAuditLines(5, before);
        assertDecision(lines.get(0), "customers", 200, "would_deny:unauthenticated");
        assertDecision(lines.get(1), "customers", 200, "allow");
        assertDecision(lines.get(2), "customers", 200, "would_deny:rate_limited");
        assertDecision(lines.get(3), "admin", 401, "deny:unauthenticated");
        assertDecision(lines.get(4), "admin", 403, "deny:forbidden");
        assertEquals(Map.of(), Fixture.JSON.convertValue(lines.get(1).get("masked"), Map.class), "nothing masked");
    }

    private static void assertDecision(JsonNode line, String route, int status, String decision) {
        assertEquals(route, line.get("route").asText(), line::toString);
        assertEquals(status, line.get("status").asInt(), line::toString);
        assertEquals(decision, line.get("decision").asText(), line::toString);
    }

    /** The audit lines of requests since {@code since}, once there are {@code n} (written off the request threads). */
    private List<JsonNode> awaitAuditLines(int n, Instant since) throws IOException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        List<JsonNode> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = auditLinesSince(since);
            if (lines.size() >= n) break;
            AppProcess.sleep(50);
        }
        if (lines.size() != n) fail("expected " + n + " audit lines, got " + lines.size() + ":\n" + lines + "\n" + app.tail());
        return lines;
    }

    private List<JsonNode> auditLinesSince(Instant since) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(auditFile)) return out;
        for (String l : Files.readAllLines(auditFile, StandardCharsets.UTF_8)) {
            JsonNode line = Fixture.JSON.readTree(l);
            if (line.has("time") && !Instant.parse(line.get("time").asText()).isBefore(since)
                    && !"/health".equals(line.path("path").asText())) {
                out.add(line);
            }
        }
        return out;
    }
}
