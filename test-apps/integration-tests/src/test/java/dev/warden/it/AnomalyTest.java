package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A client sending 50 bad keys in 10 s (credential stuffing) raises an alert in the audit log, and with
 * {@code action: throttle} its next request — even with a right key — gets 429; another client is not affected.
 * The attacker is 127.0.0.2 (a loopback address of its own), the honest client 127.0.0.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class AnomalyTest {
    private static final String APP = "jdk-httpserver";

    private final SecretScan secrets = new SecretScan();
    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Path auditFile;

    @BeforeAll
    void start() throws Exception {
        auditFile = Locations.workDir().resolve("audit").resolve("anomalies-" + APP + ".jsonl");
        Files.createDirectories(auditFile.getParent());
        Files.deleteIfExists(auditFile);
        policy = PolicyFiles.render("anomalies.yaml", "anomalies-" + APP + ".yaml", Map.of("auditFile", auditFile.toString()));
        secrets.keys(policy);
        app = secrets.launch(AppProcess.builder(APP).policy(policy.path()).logName(APP + "-anomalies"));
    }

    @AfterAll
    void stop() {
        secrets.closeAndCheck(app);
    }

    @Test
    void fiftyBadKeysInTenSecondsRaiseAnAlertAndThrottleThatClientOnly() throws Exception {
        InetAddress attacker = InetAddress.getByName("127.0.0.2");
        long t0 = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            String bad = secrets.secret("bad key " + i, PolicyFiles.newApiKey());
            RawHttp.Response r = RawHttp.getFrom(attacker, app.port(), "/api/customers/c-1001", Http.API_KEY_HEADER + ": " + bad);
            // the first 20 answers are 401; once the alert is raised the client is refused with 429
            assertTrue(r.statusCode() == 401 || r.statusCode() == 429, () -> r.statusCode() + " " + r.body());
        }
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "the 50 requests must fit the 10 s window");

        JsonNode alert = awaitAlert();
        assertEquals("auth_failures", alert.get("kind").asText(), alert::toString);
        assertEquals("127.0.0.2", alert.get("clientIp").asText(), alert::toString);
        assertEquals(20, alert.get("count").asInt(), alert::toString);
        assertEquals("throttle", alert.get("action").asText(), alert::toString);

        String key = policy.key("reader");
        RawHttp.Response throttled = RawHttp.getFrom(attacker, app.port(), "/api/customers/c-1001", Http.API_KEY_HEADER + ": " + key);
        assertEquals(429, throttled.statusCode(), throttled::body);
        assertTrue(throttled.body().contains("client-throttled"), throttled.body());
        assertTrue(Long.parseLong(throttled.headers().firstValue("Retry-After").orElse("0")) > 0, "Retry-After");

        RawHttp.Response honest = RawHttp.getFrom(InetAddress.getByName("127.0.0.1"), app.port(), "/api/customers/c-1001",
                Http.API_KEY_HEADER + ": " + key);
        assertEquals(200, honest.statusCode(), honest::body);
        assertTrue(!honest.body().contains("\"ssn\""), honest.body());
    }

    private JsonNode awaitAlert() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(auditFile)) {
                for (String line : Files.readAllLines(auditFile, StandardCharsets.UTF_8)) {
                    if (line.contains("\"event\":\"anomaly\"")) return Fixture.JSON.readTree(line);
                }
            }
            Thread.sleep(50);
        }
        fail("no anomaly alert in the audit log:\n" + (Files.exists(auditFile) ? Files.readString(auditFile) : "(no file)"));
        return null;
    }
}
