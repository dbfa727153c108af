package dev.warden.policy.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.policy.LoadResult;
import dev.warden.policy.PolicyLoader;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

class DeciderTest {

    private static final String ACME_KEY = "acme-key";
    private static final String OPS_KEY = "ops-key";
    private static final String CHALLENGE = "ApiKey realm=\"warden\", header=\"X-API-Key\"";

    private static final String POLICY = """
            version: 1
            consumers:
              - id: acme
                apiKeys: [{ sha256: "%s" }]
                attributes: { customerId: c-1, roles: [reader] }
              - id: ops
                apiKeys: [{ sha256: "%s" }]
                attributes: { customerId: c-2, roles: [admin, reader], level: 5 }
            authentication:
              apiKey: { header: X-API-Key }
            defaults:
              authenticate: [apiKey]
            routes:
              - id: health
                match: { path: /health, methods: [GET] }
                authenticate: none
              - id: customer
                match: { path: "/api/customers/{id}/**" }
                allow: "request.params.id == consumer.attributes.customerId"
                response:
                  fields:
                    - { select: ["$..ssn"], action: remove }
              - id: admin
                match: { path: "/api/admin/**" }
                allow: "'admin' in consumer.attributes.roles"
              - id: level
                match: { path: /api/level }
                allow: "consumer.attributes.level > 3"
              - id: limited
                match: { path: /api/limited }
                rateLimits:
                  - { limit: 3, per: 10s }
              - id: per-ip
                match: { path: /public/ip }
                authenticate: none
                rateLimits:
                  - { by: ip, limit: 1, per: 1m }
              - id: per-tenant
                match: { path: /public/tenant }
                authenticate: none
                rateLimits:
                  - { by: "header:X-Tenant", limit: 1, per: 1m }
            """.formatted(sha256Hex(ACME_KEY), sha256Hex(OPS_KEY));

    private static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static Decider decider(String yaml) {
        LoadResult result = PolicyLoader.parse("test.yaml", yaml, name -> null);
        assertTrue(result.ok(), () -> result.errors().toString());
        return new Decider(result.policy());
    }

    /** A request as a server would present it; header names are case-insensitive. */
    static final class Request implements RequestView {
        private final String method;
        private final String rawPath;
        private String query;
        private String clientIp = "192.0.2.1";
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        Request(String method, String rawPath) {
            this.method = method;
            this.rawPath = rawPath;
        }

        Request header(String name, String value) {
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        Request key(String key) {
            return header("X-API-Key", key);
        }

        Request ip(String ip) {
            clientIp = ip;
            return this;
        }

        Request query(String q) {
            query = q;
            return this;
        }

        @Override public String method() { return method; }
        @Override public String rawPath() { return rawPath; }
        @Override public String query() { return query; }
        @Override public List<String> headers(String name) { return headers.getOrDefault(name, List.of()); }
        @Override public List<String> headerNames() { return List.copyOf(headers.keySet()); }
        @Override public String clientIp() { return clientIp; }
    }

    static Request get(String path) {
        return new Request("GET", path);
    }

    static void assertDenied(Decision d, int status, String reason) {
        assertNotNull(d.problem(), d.reason());
        assertEquals(status, d.problem().status());
        assertTrue(d.enforced());
        assertTrue(d.denied());
        assertEquals(reason, d.reason());
        assertNull(d.maskPlan());
    }

    private static void assertAllowed(Decision d, String routeId, String consumerId) {
        assertNull(d.problem(), d.reason());
        assertFalse(d.denied());
        assertEquals("allow", d.reason());
        assertEquals(routeId, d.routeId());
        assertEquals(consumerId, d.consumerId());
    }

    private final Decider decider = decider(POLICY);

    @Test
    void unmatchedIsNotFoundUnlessAllowed() {
        Decision d = decider.decide(get("/nowhere").key(ACME_KEY));
        assertDenied(d, 404, "deny:not_found");
        assertNull(d.route());
        assertEquals(List.of(), d.headers());
        assertDenied(decider.decide(new Request("POST", "/health")), 404, "deny:not_found"); // GET only

        Decider open = decider(POLICY.replace("defaults:\n", "defaults:\n  unmatched: allow\n"));
        assertTrue(open.policy().allowUnmatched());
        Decision o = open.decide(get("/nowhere"));
        assertAllowed(o, "-", "anonymous");
        assertFalse(o.enforced());
        assertNull(o.maskPlan());
    }

    @Test
    void anonymousRoute() {
        assertAllowed(decider.decide(get("/health")), "health", "anonymous");
        assertAllowed(decider.decide(get("/health").key(OPS_KEY)), "health", "ops");
    }

    @Test
    void missingWrongOrRepeatedKeyIsUnauthenticated() {
        List<Request> bad = List.of(
                get("/api/admin/stats"),
                get("/api/admin/stats").key("nope"),
                get("/api/admin/stats").key(""),
                get("/api/admin/stats").key(OPS_KEY + " "),
                get("/api/admin/stats").key(OPS_KEY).key(OPS_KEY),
                get("/api/admin/stats").key(OPS_KEY).key("nope"),
                get("/api/admin/stats").header("Authorization", "ApiKey " + OPS_KEY));
        for (Request r : bad) {
            Decision d = decider.decide(r);
            assertDenied(d, 401, "deny:unauthenticated");
            assertEquals("admin", d.routeId());
            assertEquals("anonymous", d.consumerId());
            assertEquals(List.of("WWW-Authenticate", CHALLENGE), d.headers());
        }
    }

    @Test
    void rightKeyIsAllowedWithRouteAndConsumer() {
        Decision d = decider.decide(get("/api/admin/stats").key(OPS_KEY));
        assertAllowed(d, "admin", "ops");
        assertEquals("ops", d.consumer().id());
        assertEquals(List.of(), d.headers());
        assertAllowed(decider.decide(get("/api/admin/stats").header("x-api-key", OPS_KEY)), "admin", "ops");
    }

    @Test
    void allowConditionDecides() {
        assertDenied(decider.decide(get("/api/admin/stats").key(ACME_KEY)), 403, "deny:forbidden");
        assertAllowed(decider.decide(get("/api/admin/stats").key(OPS_KEY)), "admin", "ops");
        assertAllowed(decider.decide(get("/api/level").key(OPS_KEY)), "level", "ops");
        // acme has no 'level' attribute: the evaluation errors, and an error denies (fail closed)
        Decision d = decider.decide(get("/api/level").key(ACME_KEY));
        assertDenied(d, 403, "deny:forbidden");
        assertEquals("acme", d.consumerId());
    }

    @Test
    void objectLevelRuleComparesPathParameterWithConsumerAttribute() {
        Decision own = decider.decide(get("/api/customers/c-1/orders").key(ACME_KEY));
        assertAllowed(own, "customer", "acme");
        assertNotNull(own.maskPlan());
        assertAllowed(decider.decide(get("/api/customers/c-1").key(ACME_KEY)), "customer", "acme");
        assertDenied(decider.decide(get("/api/customers/c-2").key(ACME_KEY)), 403, "deny:forbidden");
        assertAllowed(decider.decide(get("/api/customers/c-2/orders").key(OPS_KEY)), "customer", "ops");
        assertDenied(decider.decide(get("/api/customers/c-1").key(OPS_KEY)), 403, "deny:forbidden");
        // the parameter is taken from the canonical path: a spelled-differently id is the same id
        assertAllowed(decider.decide(get("/api/customers/%63-1;x=1").key(ACME_KEY)), "customer", "acme");
        assertDenied(decider.decide(get("/api/customers/c-1/../c-2").key(ACME_KEY)), 403, "deny:forbidden");
    }

    @Test
    void rateLimitAdmitsThreeThenAnswers429WithHeaders() {
        String policyHeader = "\"limited\";q=3;w=10";
        String[] expectedState = {"\"limited\";r=2;t=4", "\"limited\";r=1;t=7", "\"limited\";r=0;t=10"};
        for (String state : expectedState) {
            Decision d = decider.decide(get("/api/limited").key(ACME_KEY));
            assertAllowed(d, "limited", "acme");
            assertEquals(List.of("RateLimit-Policy", policyHeader, "RateLimit", state), d.headers());
        }
        Decision d = decider.decide(get("/api/limited").key(ACME_KEY));
        assertDenied(d, 429, "deny:rate_limited");
        assertEquals("acme", d.consumerId());
        List<String> h = d.headers();
        assertEquals(6, h.size(), h.toString());
        assertEquals(List.of("RateLimit-Policy", policyHeader, "RateLimit"), h.subList(0, 3));
        assertEquals("Retry-After", h.get(4));
        long retryAfter = Long.parseLong(h.get(5));
        assertTrue(retryAfter >= 1 && retryAfter <= 4, "one token comes back every 3.33 s: " + retryAfter);
        assertEquals("\"limited\";r=0;t=" + retryAfter, h.get(3));

        // another consumer has its own bucket
        Decision other = decider.decide(get("/api/limited").key(OPS_KEY));
        assertAllowed(other, "limited", "ops");
        assertEquals("\"limited\";r=2;t=4", other.headers().get(3));
    }

    @Test
    void rateLimitByIp() {
        assertAllowed(decider.decide(get("/public/ip").ip("10.0.0.1")), "per-ip", "anonymous");
        assertDenied(decider.decide(get("/public/ip").ip("10.0.0.1").key(OPS_KEY)), 429, "deny:rate_limited");
        assertAllowed(decider.decide(get("/public/ip").ip("10.0.0.2")), "per-ip", "anonymous");
    }

    @Test
    void rateLimitByHeaderFallsBackToIp() {
        assertAllowed(decider.decide(get("/public/tenant").header("X-Tenant", "a").ip("10.0.0.1")), "per-tenant", "anonymous");
        assertDenied(decider.decide(get("/public/tenant").header("x-tenant", "a").ip("10.0.0.2")), 429, "deny:rate_limited");
        assertAllowed(decider.decide(get("/public/tenant").header("X-Tenant", "b").ip("10.0.0.1")), "per-tenant", "anonymous");
        // no header: the client address is the key
        assertAllowed(decider.decide(get("/public/tenant").ip("10.0.0.9")), "per-tenant", "anonymous");
        assertDenied(decider.decide(get("/public/tenant").ip("10.0.0.9")), 429, "deny:rate_limited");
        assertAllowed(decider.decide(get("/public/tenant").ip("10.0.0.10")), "per-tenant", "anonymous");
    }

    @Test
    void monitorModeReportsButEnforcesNothing() {
        Decider monitor = decider(POLICY.replace("version: 1\n", "version: 1\nmode: monitor\n"));
        Decision d = monitor.decide(get("/api/admin/stats"));
        assertNotNull(d.problem());
        assertEquals(401, d.problem().status());
        assertFalse(d.enforced());
        assertFalse(d.denied());
        assertEquals("would_deny:unauthenticated", d.reason());
        assertEquals(List.of(), d.headers());
        assertNull(d.maskPlan());

        assertEquals("would_deny:forbidden", monitor.decide(get("/api/customers/c-2").key(ACME_KEY)).reason());
        Decision allowed = monitor.decide(get("/api/customers/c-1").key(ACME_KEY));
        assertEquals("allow", allowed.reason());
        assertNull(allowed.problem());
        assertNull(allowed.maskPlan(), "monitor changes nothing on the wire, the body included");
        for (int i = 0; i < 3; i++) monitor.decide(get("/api/limited").key(ACME_KEY));
        Decision limited = monitor.decide(get("/api/limited").key(ACME_KEY));
        assertEquals("would_deny:rate_limited", limited.reason());
        assertEquals(List.of(), limited.headers());
    }

    @Test
    void ambiguousPathIsBadRequest() {
        for (String path : List.of("/api/admin%2Fstats", "/..", "/api/%2e%2e/%2e%2e/x", "/a/%zz", "/a/%ff", "/a/%0a")) {
            Decision d = decider.decide(get(path).key(OPS_KEY));
            assertDenied(d, 400, "deny:bad_request");
            assertNull(d.route());
        }
    }

    @Test
    void malformedQueryStringDoesNotThrow() {
        Decision d = assertDoesNotThrow(() -> decider.decide(get("/api/admin/stats").key(OPS_KEY).query("a=%zz")));
        assertTrue(d.problem() == null || d.problem().status() == 400, d.reason());
    }
}
