package dev.warden.policy.engine;

import static dev.warden.policy.engine.DeciderTest.assertDenied;
import static dev.warden.policy.engine.DeciderTest.decider;
import static dev.warden.policy.engine.DeciderTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.policy.LoadResult;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.model.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code mode} on a route overrides the policy's: one route rolled out in monitor mode, or kept enforced. */
class RouteModeTest {

    private static final String KEY_HASH = "62af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0ef"; // "test-key"

    private static String policy(String policyMode, String newRouteMode, String oldRouteMode) {
        return """
                version: 1
                mode: %s
                consumers:
                  - { id: acme, apiKeys: [{ sha256: "%s" }], attributes: { roles: [reader] } }
                authentication:
                  apiKey: { header: X-API-Key }
                defaults:
                  authenticate: [apiKey]
                routes:
                  - id: new-route
                    match: { path: "/api/v2/**" }
                    requireRoles: [admin]
                    rateLimits: [{ by: consumer, limit: 1, per: 1h }]
                    response:
                      fields: [{ select: ["$..ssn"], action: remove }]
                    %s
                  - id: old-route
                    match: { path: "/api/v1/**" }
                    response:
                      fields: [{ select: ["$..ssn"], action: remove }]
                    %s
                """.formatted(policyMode, KEY_HASH, newRouteMode, oldRouteMode);
    }

    @Test
    void monitorRouteInAnEnforcedPolicyDecidesButEnforcesNothing() {
        Decider d = decider(policy("enforce", "mode: monitor", ""));

        Decision anonymous = d.decide(get("/api/v2/customers/c-1"));
        assertEquals("would_deny:unauthenticated", anonymous.reason());
        assertNotNull(anonymous.problem(), "the would-be denial is kept for the log");
        assertEquals(401, anonymous.problem().status());
        assertFalse(anonymous.enforced());
        assertFalse(anonymous.denied());
        assertEquals(List.of(), anonymous.headers(), "no challenge on the wire");
        assertEquals("new-route", anonymous.routeId());

        assertEquals("would_deny:forbidden", d.decide(get("/api/v2/customers/c-1").key("test-key")).reason());

        // The other route still enforces, masking included.
        assertDenied(d.decide(get("/api/v1/customers/c-1")), 401, "deny:unauthenticated");
        Decision allowed = d.decide(get("/api/v1/customers/c-1").key("test-key"));
        assertEquals("allow", allowed.reason());
        assertNotNull(allowed.maskPlan());
        // Requests that match no route follow the policy's mode.
        assertDenied(d.decide(get("/elsewhere")), 404, "deny:not_found");
    }

    @Test
    void monitorRouteCountsLimitsAndMasksNothing() {
        Decider d = decider(policy("enforce", "mode: monitor", "").replace("requireRoles: [admin]", "requireRoles: [reader]"));
        Decision first = d.decide(get("/api/v2/customers/c-1").key("test-key"));
        assertEquals("allow", first.reason());
        assertNull(first.maskPlan(), "monitor changes nothing on the wire, the body included");
        Decision second = d.decide(get("/api/v2/customers/c-1").key("test-key"));
        assertEquals("would_deny:rate_limited", second.reason());
        assertEquals(429, second.problem().status());
        assertEquals(List.of(), second.headers(), "no Retry-After or RateLimit fields in monitor mode");
        assertFalse(second.denied());
    }

    @Test
    void enforcedRouteInAMonitoredPolicyIsEnforced() {
        Decider d = decider(policy("monitor", "", "mode: enforce"));
        assertDenied(d.decide(get("/api/v1/customers/c-1")), 401, "deny:unauthenticated");
        assertNotNull(d.decide(get("/api/v1/customers/c-1").key("test-key")).maskPlan());

        Decision monitored = d.decide(get("/api/v2/customers/c-1"));
        assertEquals("would_deny:unauthenticated", monitored.reason());
        assertFalse(monitored.enforced());
        Decision unmatched = d.decide(get("/elsewhere"));
        assertEquals("would_deny:not_found", unmatched.reason());
        assertFalse(unmatched.enforced());
    }

    @Test
    void routeModeIsParsedAndAbsentMeansThePolicys() {
        Decider d = decider(policy("monitor", "mode: enforce", ""));
        assertEquals(Mode.ENFORCE, d.policy().routes().get(0).mode());
        assertNull(d.policy().routes().get(1).mode());
        assertEquals(Mode.MONITOR, d.policy().routes().get(1).modeUnder(d.policy().mode()));
        assertEquals(Mode.ENFORCE, d.policy().routes().get(0).modeUnder(d.policy().mode()));
    }

    @Test
    void unknownRouteModeIsALocatedError() {
        LoadResult r = PolicyLoader.parse("p.yaml", policy("enforce", "mode: strict", ""), name -> null);
        assertFalse(r.ok());
        assertEquals(1, r.errors().size(), r.errors().toString());
        String error = r.errors().get(0).format();
        assertTrue(error.startsWith("p.yaml:16:"), error);
        assertTrue(error.contains("route 'new-route' mode must be 'enforce' or 'monitor', not 'strict'"), error);
    }
}
