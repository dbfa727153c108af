package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.policy.LoadResult;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.engine.Decider;
import dev.warden.policy.engine.Decision;
import dev.warden.policy.engine.FixedRequest;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What each finished request adds to the metrics, as the Prometheus text format shows it. */
class MetricsTest {

    private static final String POLICY = """
            version: 1
            authentication:
              apiKey: { header: X-API-Key }
            defaults:
              authenticate: none
              unmatched: deny
            routes:
              - id: open
                match: { path: /open }
              - id: limited
                match: { path: /limited }
                rateLimits: [{ by: ip, limit: 1, per: 1m }]
              - id: twice-limited
                match: { path: /twice }
                rateLimits: [{ by: ip, limit: 1, per: 1m }, { by: ip, limit: 10, per: 1h }]
              - id: keyed
                match: { path: /keyed }
                authenticate: [apiKey]
              - id: customers
                match: { path: "/api/customers/**" }
                response:
                  fields:
                    - { select: ["$..ssn"], action: remove }
                    - { detect: [email], action: redact }
                    - { detect: [pan, iban], action: mask, keepLast: 4 }
            """;

    private final Decider decider = decider();
    private final PolicyReloads reloads = new PolicyReloads();
    private final Metrics metrics = new Metrics(null, reloads);

    @AfterEach
    void close() {
        decider.close();
    }

    @Test
    void requestsByRouteAndDecision() throws IOException {
        end("/open", Map.of());
        end("/open", Map.of());
        end("/keyed", Map.of());
        end("/nowhere", Map.of());
        String text = scrape();
        assertSample(text, "warden_requests_total{decision=\"allow\",route=\"open\"} 2.0");
        assertSample(text, "warden_requests_total{decision=\"deny\",route=\"keyed\"} 1.0");
        assertSample(text, "warden_requests_total{decision=\"deny\",route=\"-\"} 1.0");
        assertSample(text, "warden_denials_total{reason=\"deny:unauthenticated\",route=\"keyed\"} 1.0");
        assertSample(text, "warden_denials_total{reason=\"deny:not_found\",route=\"-\"} 1.0");
        assertFalse(text.contains("reason=\"allow\""), text);
    }

    @Test
    void aRequestWardenCouldNotDecideIsAnInternalErrorDenial() throws IOException {
        metrics.ended(new RequestOutcome(Instant.now(), null, "GET", "/x", "", 500, 1, Map.of()));
        String text = scrape();
        assertSample(text, "warden_requests_total{decision=\"deny\",route=\"-\"} 1.0");
        assertSample(text, "warden_denials_total{reason=\"deny:internal_error\",route=\"-\"} 1.0");
    }

    @Test
    void rateLimitRejectionsNameTheLimitWhenItIsTheOnlyOne() throws IOException {
        end("/limited", Map.of());
        end("/limited", Map.of());
        end("/twice", Map.of());
        end("/twice", Map.of());
        String text = scrape();
        assertSample(text, "warden_rate_limited_total{limit=\"limited\",route=\"limited\"} 1.0");
        assertSample(text, "warden_rate_limited_total{limit=\"-\",route=\"twice-limited\"} 1.0");
        assertSample(text, "warden_denials_total{reason=\"deny:rate_limited\",route=\"limited\"} 1.0");
        assertSample(text, "warden_requests_total{decision=\"allow\",route=\"limited\"} 1.0");
    }

    @Test
    void maskedValuesByRuleAndDetectorCategory() throws IOException {
        Map<String, Integer> masked = new LinkedHashMap<>();
        masked.put("$..ssn remove", 1);
        masked.put("detect:email redact", 2);
        masked.put("detect:pan,detect:iban mask", 3);
        end("/api/customers/c-1", masked);
        end("/api/customers/c-2", Map.of("detect:email redact", 1));
        String text = scrape();
        assertSample(text, "warden_masked_values_total{category=\"-\",route=\"customers\",rule=\"$..ssn remove\"} 1.0");
        assertSample(text, "warden_masked_values_total{category=\"email\",route=\"customers\",rule=\"detect:email redact\"} 3.0");
        assertSample(text, "warden_masked_values_total{category=\"pan,iban\",route=\"customers\",rule=\"detect:pan,detect:iban mask\"} 3.0");
    }

    @Test
    void reloadsAndAuditDrops() throws IOException {
        reloads.succeeded();
        reloads.succeeded();
        reloads.failed();
        String text = scrape();
        assertSample(text, "warden_policy_reloads_total{result=\"succeeded\"} 2.0");
        assertSample(text, "warden_policy_reloads_total{result=\"failed\"} 1.0");
        assertFalse(text.contains("warden_audit_dropped"), "no audit log, no metric of its drops:\n" + text);
    }

    @Test
    void everyMetricIsDocumented() throws IOException {
        end("/limited", Map.of());
        end("/limited", Map.of());
        end("/api/customers/c-1", Map.of("$..ssn remove", 1));
        String text = scrape();
        for (String name : new String[] {"warden_requests_total", "warden_denials_total", "warden_rate_limited_total",
                "warden_masked_values_total", "warden_policy_reloads_total"}) {
            assertTrue(text.contains("# HELP " + name + " "), name + " has no HELP:\n" + text);
            assertTrue(text.contains("# TYPE " + name + " counter\n"), name + " has no TYPE:\n" + text);
        }
    }

    private void end(String path, Map<String, Integer> masked) {
        Decision d = decider.decide(new FixedRequest("GET", path));
        int status = d.problem() == null ? 200 : d.problem().status();
        metrics.ended(new RequestOutcome(Instant.now(), d, "GET", path, "192.0.2.1", status, 10, masked));
    }

    private String scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void assertSample(String text, String line) {
        assertTrue(text.lines().anyMatch(line::equals), () -> "no line '" + line + "' in:\n" + text);
    }

    private static Decider decider() {
        LoadResult result = PolicyLoader.parse("metrics.yaml", POLICY);
        assertTrue(result.ok(), () -> result.errors().toString());
        assertEquals(5, result.policy().routes().size());
        return new Decider(result.policy());
    }
}
