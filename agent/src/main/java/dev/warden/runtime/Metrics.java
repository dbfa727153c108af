package dev.warden.runtime;

import dev.warden.policy.audit.AuditLog;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.Optional;

/**
 * The counters behind GET /metrics. Counted as each request ends (atomic adds: no lock, no I/O on the request's
 * thread), read when scraped. Label values come from the policy (route ids, rule labels, limit names) and from
 * Warden's own vocabulary (decisions, reasons, detector names), never from the request: a caller cannot make them
 * grow, and no credential, path, query or value can appear in them.
 */
final class Metrics implements RequestObserver {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Counter denials;
    private final Counter rateLimited;
    private final Counter masked;
    private final MaskCategories categories = new MaskCategories();

    /** {@code auditLog} null when the policy has no audit log (then no metric of its drops). */
    Metrics(AuditLog auditLog, PolicyReloads reloads) {
        // fixed settings: nothing read from the application's system properties or prometheus.properties
        PrometheusProperties settings = PrometheusProperties.builder().build();
        requests = counter(settings, "warden_requests_total", "Requests Warden decided, by policy route (- when none "
                + "matched) and decision: allow, deny, or would_deny (monitor mode: decided, not enforced).",
                "route", "decision");
        denials = counter(settings, "warden_denials_total", "Requests denied, or in monitor mode that would have been, "
                + "by route and reason as in the audit log (deny:unauthenticated, deny:forbidden, deny:not_found, "
                + "deny:rate_limited, would_deny:..., ...).", "route", "reason");
        rateLimited = counter(settings, "warden_rate_limited_total", "Requests refused by a rate limit (in monitor "
                + "mode they are would_deny:rate_limited denials instead), by route and limit (its name in "
                + "RateLimit-Policy; - when several limits applied).", "route", "limit");
        masked = counter(settings, "warden_masked_values_total", "Response values protected (removed, redacted, "
                + "masked, hashed, tokenized...), by route, field rule, and category: the detector (pan, email, "
                + "ssn...) of a rule that finds values by content, - for a rule that selects them by place.",
                "route", "rule", "category");
        if (auditLog != null) {
            CounterWithCallback.builder(settings).name("warden_audit_dropped_total")
                    .help("Audit log lines dropped because the audit queue was full (requests are never held up).")
                    .callback(c -> c.call(auditLog.dropped())).register(registry);
        }
        CounterWithCallback.builder(settings).name("warden_policy_reloads_total")
                .help("Policy reloads since start, by result: succeeded, or failed (the last good policy stayed active).")
                .labelNames("result")
                .callback(c -> {
                    c.call(reloads.succeededCount(), "succeeded");
                    c.call(reloads.failedCount(), "failed");
                }).register(registry);
    }

    /**
     * Serves the metrics at GET /metrics on {@code admin} and returns the observer that counts them; empty, after a
     * warning, when the metrics cannot be set up (the application runs all the same).
     */
    static Optional<RequestObserver> serve(AdminServer admin, AuditLog auditLog, PolicyReloads reloads) {
        try {
            Metrics metrics = new Metrics(auditLog, reloads);
            admin.route("/metrics", new MetricsEndpoint(metrics.registry));
            return Optional.of(metrics);
        } catch (RuntimeException | LinkageError e) {
            Log.warn("metrics are not available: " + e);
            return Optional.empty();
        }
    }

    PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void ended(RequestOutcome o) {
        String route = o.routeId();
        String reason = o.reason();
        int colon = reason.indexOf(':');
        requests.labelValues(route, colon < 0 ? reason : reason.substring(0, colon)).inc();
        if (colon >= 0) denials.labelValues(route, reason).inc();
        if ("deny:rate_limited".equals(reason)) rateLimited.labelValues(route, RefusingLimit.of(o.decision())).inc();
        for (Map.Entry<String, Integer> e : o.maskedByRule().entrySet()) {
            String category = categories.of(e.getKey(), o.decision() == null ? null : o.decision().route());
            masked.labelValues(route, e.getKey(), category).inc(e.getValue());
        }
    }

    private Counter counter(PrometheusProperties settings, String name, String help, String... labels) {
        return Counter.builder(settings).name(name).help(help).labelNames(labels).withoutExemplars().register(registry);
    }
}
