package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Metrics on the admin listener (issue 7, done-when 3): after a known mix of requests — allowed, 401, 403, 404, 429,
 * masked — {@code GET /metrics} on the admin port is valid Prometheus text (read by a strict parser) and every
 * counter moved by exactly what was sent. The listener answers on loopback only (the policy names just a port), and
 * the application's own port serves no metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class AdminMetricsTest {
    private static final String APP = "spring-mvc";
    /** The families the requests move; the others are checked for their value. */
    private static final List<String> REQUEST_COUNTERS = List.of("warden_requests_total", "warden_denials_total",
            "warden_rate_limited_total", "warden_masked_values_total");

    private final SecretScan secrets = new SecretScan();
    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;
    private Http admin;
    private int adminPort;

    @BeforeAll
    void start() throws IOException {
        adminPort = AppProcess.freePort();
        Path auditFile = Locations.workDir().resolve("audit").resolve("metrics-" + APP + ".jsonl");
        Files.createDirectories(auditFile.getParent());
        Files.deleteIfExists(auditFile);
        policy = PolicyFiles.render("metrics.yaml", "metrics-" + APP + ".yaml",
                Map.of("adminPort", Integer.toString(adminPort), "auditFile", auditFile.toString()));
        secrets.keys(policy);
        app = secrets.launch(AppProcess.builder(APP).policy(policy.path()).logName(APP + "-metrics"));
        http = new Http(app.port());
        admin = new Http(adminPort);
    }

    @AfterAll
    void stop() {
        secrets.closeAndCheck(app);
    }

    @Test
    void countersMatchTheRequestsSent() {
        String reader = policy.key("reader");
        String adminKey = policy.key("admin");
        String wrong = secrets.secret("a wrong API key", PolicyFiles.newApiKey());
        PrometheusText.Exposition before = scrape();

        Expected expected = new Expected();
        HttpResponse<String> masked = check(http.get("/api/customers/c-1001", reader), 200);
        assertTrue(masked.body().contains("\"email\":\"[REDACTED]\"") && !masked.body().contains("\"ssn\""), masked.body());
        expected.request("customers", "allow")
                .masked("customers", "$..ssn remove", "-", 1)
                .masked("customers", "$..card.number mask", "-", 1)
                .masked("customers", "detect:email redact", "email", 2); // the email field, and the one in notes
        check(http.get("/api/customers/c-1001", null), 401);
        expected.denied("customers", "deny:unauthenticated");
        check(http.get("/api/customers/c-1002", wrong), 401);
        expected.denied("customers", "deny:unauthenticated");
        check(http.get("/api/admin/stats", reader), 403);
        expected.denied("admin", "deny:forbidden");
        check(http.get("/api/admin/stats", adminKey), 200);
        expected.request("admin", "allow");
        HttpResponse<String> noMetrics = check(http.get("/metrics", adminKey), 404);
        assertFalse(noMetrics.body().contains("warden_"), "the application's port serves metrics: " + noMetrics.body());
        expected.denied("-", "deny:not_found");
        check(http.get("/api/customers/c-1003", reader), 200);
        expected.request("limited", "allow");
        check(http.get("/api/customers/c-1003", reader), 429);
        expected.denied("limited", "deny:rate_limited").rateLimited("limited", "limited");
        check(http.get("/health", null), 200);
        expected.request("health", "allow");

        PrometheusText.Exposition after = awaitRequests(before, expected.requestCount());
        for (String family : REQUEST_COUNTERS) {
            assertEquals(expected.of(family), moved(before, after, family), () -> family + " moved otherwise:\n" + app.tail());
        }
        assertEquals(0.0, after.value("warden_audit_dropped_total", Map.of()));
        assertTrue(after.families().containsKey("warden_audit_dropped_total"), "the audit log is on: its drops are a metric");
        assertEquals(0.0, after.value("warden_policy_reloads_total", Map.of("result", "succeeded")));
        assertEquals(0.0, after.value("warden_policy_reloads_total", Map.of("result", "failed")));
        for (PrometheusText.Family f : after.families().values()) {
            assertTrue(f.name().startsWith("warden_"), f.name());
            assertEquals("counter", f.type(), f.name());
            assertTrue(f.help() != null && !f.help().isBlank(), f.name() + " has no HELP");
        }
    }

    @Test
    void servesTheTextFormatOnlyToGet() {
        HttpResponse<String> page = admin.get("/metrics", null);
        assertEquals(200, page.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", page.headers().firstValue("Content-Type").orElse(null));
        PrometheusText.parse(page.body());
        assertTrue(secrets.findIn(page.body(), "/metrics").isEmpty(), page.body());
        assertEquals(405, admin.send("POST", "/metrics", null).statusCode());
        assertEquals(404, admin.get("/api/customers/c-1001", null).statusCode(), "the admin port serves only Warden's paths");
        assertEquals(404, admin.get("/metrics/more", null).statusCode());
    }

    @Test
    void listensOnLoopbackOnly() throws IOException {
        List<InetAddress> others = nonLoopbackAddresses();
        Assumptions.assumeFalse(others.isEmpty(), "this host has no address other than loopback to try");
        for (InetAddress address : others) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, adminPort), 2000);
                fail("the admin listener accepted a connection on " + address.getHostAddress() + ":" + adminPort);
            } catch (ConnectException expected) {
                // refused: nothing listens there
            }
        }
        assertEquals(200, admin.get("/metrics", null).statusCode(), "it does listen on 127.0.0.1");
    }

    // ----------------------------------------------------------------------------------------------------------------

    private HttpResponse<String> check(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), () -> Http.describe(r) + "\n" + app.tail());
        return r;
    }

    private PrometheusText.Exposition scrape() {
        HttpResponse<String> page = admin.get("/metrics", null);
        assertEquals(200, page.statusCode(), () -> Http.describe(page) + "\n" + app.tail());
        try {
            return PrometheusText.parse(page.body());
        } catch (PrometheusText.FormatError e) {
            throw new AssertionError("/metrics is not Prometheus text: " + e.getMessage() + "\n" + page.body(), e);
        }
    }

    /**
     * A scrape once {@code n} more requests are counted: a request is counted when its response has ended, which the
     * client may see a moment before Warden does.
     */
    private PrometheusText.Exposition awaitRequests(PrometheusText.Exposition before, int n) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        PrometheusText.Exposition page = scrape();
        while (total(page) - total(before) < n && System.nanoTime() < deadline) {
            AppProcess.sleep(50);
            page = scrape();
        }
        return page;
    }

    private static double total(PrometheusText.Exposition page) {
        return page.series("warden_requests_total").values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The series of a counter that moved between two scrapes, and by how much. */
    private static Map<Map<String, String>, Double> moved(PrometheusText.Exposition before, PrometheusText.Exposition after,
                                                          String counter) {
        Map<Map<String, String>, Double> out = new LinkedHashMap<>();
        after.series(counter).forEach((labels, value) -> {
            double delta = value - before.value(counter, labels);
            if (delta != 0) out.put(labels, delta);
        });
        return out;
    }

    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        List<InetAddress> out = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) out.add(a);
            }
        }
        return out;
    }

    /** What the requests sent should have added to each counter, series by series. */
    private static final class Expected {
        private final Map<String, Map<Map<String, String>, Double>> counters = new TreeMap<>();
        private int requests;

        Expected request(String route, String decision) {
            requests++;
            return add("warden_requests_total", Map.of("route", route, "decision", decision), 1);
        }

        Expected denied(String route, String reason) {
            request(route, "deny");
            return add("warden_denials_total", Map.of("route", route, "reason", reason), 1);
        }

        Expected rateLimited(String route, String limit) {
            return add("warden_rate_limited_total", Map.of("route", route, "limit", limit), 1);
        }

        Expected masked(String route, String rule, String category, int values) {
            return add("warden_masked_values_total", Map.of("route", route, "rule", rule, "category", category), values);
        }

        int requestCount() {
            return requests;
        }

        Map<Map<String, String>, Double> of(String counter) {
            return counters.getOrDefault(counter, Map.of());
        }

        private Expected add(String counter, Map<String, String> labels, double n) {
            counters.computeIfAbsent(counter, k -> new LinkedHashMap<>()).merge(new TreeMap<>(labels), n, Double::sum);
            return this;
        }
    }
}
