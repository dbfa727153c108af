package dev.warden.policy.engine;

import static dev.warden.policy.engine.DeciderTest.assertDenied;
import static dev.warden.policy.engine.DeciderTest.decider;
import static dev.warden.policy.engine.DeciderTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.policy.engine.DeciderTest.Request;
import dev.warden.policy.mask.JsonWireMasker;
import dev.warden.policy.mask.MaskPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Keys, composite limits, tiers, concurrency caps and data budgets, decided in-process (no server). */
class ThrottleTest {

    private static String sha(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static final String CONSUMERS = """
            version: 1
            consumers:
              - { id: gold-co, apiKeys: [{ sha256: "%s" }], attributes: { tier: gold, roles: [billing] } }
              - { id: free-co, apiKeys: [{ sha256: "%s" }], attributes: { tier: free, roles: [support] } }
              - { id: other-co, apiKeys: [{ sha256: "%s" }], attributes: { roles: [] } }
            authentication:
              apiKey: { header: X-API-Key }
            defaults:
              authenticate: [apiKey]
            """.formatted(sha("gold"), sha("free"), sha("other"));

    private static String header(Decision d, String name) {
        for (int i = 0; i + 1 < d.headers().size(); i += 2) {
            if (d.headers().get(i).equalsIgnoreCase(name)) return d.headers().get(i + 1);
        }
        return null;
    }

    private static int admitted(Decider decider, Request request, int attempts) {
        int ok = 0;
        for (int i = 0; i < attempts; i++) if (!decider.decide(request).denied()) ok++;
        return ok;
    }

    @Test
    void compositeKeyCountsEachCombinationSeparately() {
        Decider d = decider(CONSUMERS + """
                routes:
                  - id: r
                    match: { path: /x }
                    rateLimits: [{ by: [consumer, ip], limit: 2, per: 1h }]
                """);
        assertEquals(2, admitted(d, get("/x").key("gold").ip("10.0.0.1"), 5));
        assertEquals(2, admitted(d, get("/x").key("gold").ip("10.0.0.2"), 5), "same consumer, other address");
        assertEquals(2, admitted(d, get("/x").key("free").ip("10.0.0.1"), 5), "same address, other consumer");
    }

    @Test
    void claimAndParamKeysIsolateAndFallBackToTheAddress() {
        Decider d = decider("""
                version: 1
                routes:
                  - id: tenant
                    match: { path: "/t/{tenant}/**" }
                    authenticate: none
                    rateLimits: [{ by: "param:tenant", limit: 1, per: 1h }]
                  - id: q
                    match: { path: /q }
                    authenticate: none
                    rateLimits: [{ by: "param:org", limit: 1, per: 1h }]
                """);
        assertEquals(1, admitted(d, get("/t/a/x"), 3));
        assertEquals(1, admitted(d, get("/t/b/x"), 3), "another path parameter, another bucket");
        assertEquals(1, admitted(d, get("/q").query("org=1&x=2"), 3));
        assertEquals(1, admitted(d, get("/q").query("x=2&org=2"), 3));
        assertEquals(1, admitted(d, get("/q").ip("198.51.100.9"), 3), "absent parameter: counted by address");
        assertDenied(d.decide(get("/q").ip("198.51.100.9")), 429, "deny:rate_limited");
    }

    @Test
    void spoofedForwardedForFromAnUntrustedPeerIsIgnored() {
        Decider d = decider("""
                version: 1
                clientIp: { trustedProxies: ["10.0.0.0/8", "::1"] }
                routes:
                  - id: r
                    match: { path: /x }
                    authenticate: none
                    rateLimits: [{ by: ip, limit: 1, per: 1h }]
                """);
        // An untrusted peer cannot pick its bucket with the header
        assertEquals(1, admitted(d, get("/x").ip("203.0.113.5").header("X-Forwarded-For", "1.1.1.1"), 3));
        assertEquals(0, admitted(d, get("/x").ip("203.0.113.5").header("X-Forwarded-For", "2.2.2.2"), 3));
        // Behind a trusted proxy: the right-most untrusted hop, whatever the client prepended
        assertEquals(1, admitted(d, get("/x").ip("10.1.1.1").header("X-Forwarded-For", "9.9.9.9, 198.51.100.7, 10.2.2.2"), 3));
        assertEquals(0, admitted(d, get("/x").ip("10.1.1.1").header("X-Forwarded-For", "8.8.8.8, 198.51.100.7"), 3),
                "a different spoofed left part is still the same client");
        assertEquals(0, admitted(d, get("/x").ip("::1").header("Forwarded", "for=5.5.5.5, for=\"198.51.100.7:4711\""), 2));
        assertEquals(1, admitted(d, get("/x").ip("0:0:0:0:0:0:0:1").header("Forwarded", "for=\"[2001:db8::7]\""), 2));
        // the proxy itself, with no header, is its own client
        assertEquals(1, admitted(d, get("/x").ip("10.9.9.9"), 2));
    }

    @Test
    void twoLimitsBothApplyAndARefusalGivesBackWhatTheOtherTook() {
        Decider d = decider(CONSUMERS + """
                rateLimits: [{ by: ip, limit: 5, per: 1h }]
                routes:
                  - id: r
                    match: { path: /x }
                    rateLimits:
                      - { limit: 3, per: 1h }
                      - { limit: 2, per: 1h, burst: 2 }
                  - id: other
                    match: { path: /y }
                """);
        Decision first = d.decide(get("/x").key("gold"));
        assertFalse(first.denied());
        assertEquals("\"global\";q=5;w=3600, \"r\";q=3;w=3600, \"r.2\";q=2;w=3600", header(first, "RateLimit-Policy"));
        assertTrue(header(first, "RateLimit").startsWith("\"global\";r=4;"), header(first, "RateLimit"));
        assertFalse(d.decide(get("/x").key("gold")).denied());
        Decision third = d.decide(get("/x").key("gold"));
        assertDenied(third, 429, "deny:rate_limited");
        assertTrue(header(third, "RateLimit").contains("\"r.2\";r=0"), header(third, "RateLimit"));
        assertNotNull(header(third, "Retry-After"));
        // the refused request's tokens of the global and first limits were given back: 3 more fit the global 5
        assertEquals(3, admitted(d, get("/y").key("gold"), 10), "global limit: 5 minus the 2 admitted on /x");
    }

    @Test
    void costAndBurst() {
        Decider d = decider(CONSUMERS + """
                routes:
                  - id: r
                    match: { path: /x }
                    rateLimits: [{ limit: 10, per: 1h, burst: 10, cost: 4 }]
                """);
        assertEquals(2, admitted(d, get("/x").key("gold"), 5), "10 tokens, 4 per request");
    }

    @Test
    void tiersReplaceTheRouteLimitsWithoutNewRoutes() {
        Decider d = decider(CONSUMERS + """
                legacyHeaders: true
                routes:
                  - id: r
                    match: { path: /x }
                    rateLimits: [{ limit: 1, per: 1h }]
                    limitsFor:
                      tier:
                        gold: [{ limit: 5, per: 1h }]
                        free: [{ limit: 2, per: 1h }]
                """);
        Decision g = d.decide(get("/x").key("gold"));
        assertEquals("\"r.gold\";q=5;w=3600", header(g, "RateLimit-Policy"));
        assertEquals("5", header(g, "X-RateLimit-Limit"));
        assertEquals("4", header(g, "X-RateLimit-Remaining"));
        assertEquals(4, admitted(d, get("/x").key("gold"), 10));
        assertEquals(2, admitted(d, get("/x").key("free"), 10));
        assertEquals(1, admitted(d, get("/x").key("other"), 10), "no tier attribute: the route's own limit");
    }

    @Test
    void sixtyFourThreadsOnOneKeyNeverGetMoreThanTheLimit() throws Exception {
        Decider d = decider(CONSUMERS + """
                routes:
                  - id: r
                    match: { path: /x }
                    rateLimits: [{ limit: 500, per: 1h }]
                """);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        AtomicInteger ok = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 100; i++) if (!d.decide(get("/x").key("gold")).denied()) ok.incrementAndGet();
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        assertEquals(500, ok.get(), "6,400 attempts on a bucket of 500 that refills 1 per 7.2 s");
    }

    @Test
    void concurrencyCapRefusesTheExcessAndFreesSlotsOnCompletion() {
        Decider d = decider(CONSUMERS + """
                routes:
                  - id: slow
                    match: { path: /slow }
                    maxConcurrent: 2
                """);
        Decision a = d.decide(get("/slow").key("gold"));
        Decision b = d.decide(get("/slow").key("gold"));
        assertFalse(a.denied());
        assertFalse(b.denied());
        Decision c = d.decide(get("/slow").key("gold"));
        assertDenied(c, 429, "deny:concurrency");
        assertEquals("1", header(c, "Retry-After"));
        assertFalse(d.decide(get("/slow").key("free")).denied(), "another consumer has its own slots");
        a.complete();
        a.complete(); // twice: still one slot
        assertFalse(d.decide(get("/slow").key("gold")).denied());
        assertDenied(d.decide(get("/slow").key("gold")), 429, "deny:concurrency");
    }

    private static final String CARD = "{\"id\":\"c-1\",\"card\":{\"number\":\"4111111111111111\"},\"ssn\":\"123-45-6789\"}";

    private static String respond(Decision d, String json) throws IOException {
        MaskPlan plan = d.maskPlan();
        if (plan == null) return json;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonWireMasker masker = new JsonWireMasker(plan, out)) {
            masker.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final String ABAC = """
            routes:
              - id: c
                match: { path: /c }
                response:
                  fields:
                    - { select: ["$..card.number"], action: keep, when: "'billing' in consumer.attributes.roles" }
                    - { select: ["$..card.number"], action: mask, keepLast: 4, when: "'support' in consumer.attributes.roles" }
                    - { select: ["$..card.number"], action: remove }
                    - { select: ["$..ssn"], action: redact, unless: "consumer.id == 'gold-co'" }
            """;

    @Test
    void threeCallersThreeViewsOfTheSameResponse() throws IOException {
        Decider d = decider(CONSUMERS + ABAC);
        assertEquals(CARD, respond(d.decide(get("/c").key("gold")), CARD));
        assertEquals("{\"id\":\"c-1\",\"card\":{\"number\":\"************1111\"},\"ssn\":\"[REDACTED]\"}",
                respond(d.decide(get("/c").key("free")), CARD));
        assertEquals("{\"id\":\"c-1\",\"card\":{},\"ssn\":\"[REDACTED]\"}", respond(d.decide(get("/c").key("other")), CARD));
    }

    @Test
    void dataBudgetRedactsWhatWouldPassInClearOnceSpent() throws IOException {
        List<String> log = new ArrayList<>();
        var result = dev.warden.policy.PolicyLoader.parse("t.yaml", CONSUMERS + """
                dataBudget: { maxValues: 5, per: 1h }
                """ + ABAC, n -> null);
        assertTrue(result.ok(), () -> result.errors().toString());
        Decider d = new Decider(result.policy(), dev.warden.policy.auth.Authenticators.forPolicy(result.policy()), log::add);
        // gold-co sees card number (keep) and ssn (exempted by unless): 2 clear values per response
        assertEquals(CARD, respond(d.decide(get("/c").key("gold")), CARD));
        assertEquals(CARD, respond(d.decide(get("/c").key("gold")), CARD));
        assertTrue(log.isEmpty());
        // 4 spent: the fifth value passes, the sixth is redacted, mid-response
        assertEquals("{\"id\":\"c-1\",\"card\":{\"number\":\"4111111111111111\"},\"ssn\":\"[REDACTED]\"}",
                respond(d.decide(get("/c").key("gold")), CARD));
        assertEquals("{\"id\":\"c-1\",\"card\":{\"number\":\"[REDACTED]\"},\"ssn\":\"[REDACTED]\"}",
                respond(d.decide(get("/c").key("gold")), CARD));
        assertEquals(1, log.size(), "one line per key and window: " + log);
        assertTrue(log.get(0).contains("gold-co") && !log.get(0).contains("4111"), log.get(0));
        // support never sees a clear value: its budget is untouched and it never matters
        for (int i = 0; i < 10; i++) {
            assertTrue(respond(d.decide(get("/c").key("free")), CARD).contains("************1111"));
        }
    }

    @Test
    void dataBudgetCanDenyOnceSpent() throws IOException {
        Decider d = decider(CONSUMERS + ABAC.replace("    response:",
                "    dataBudget: { maxValues: 2, per: 1h, onExhausted: deny }\n    response:"));
        assertEquals(CARD, respond(d.decide(get("/c").key("gold")), CARD));
        Decision spent = d.decide(get("/c").key("gold"));
        assertDenied(spent, 429, "deny:data_budget");
        assertTrue(Long.parseLong(header(spent, "Retry-After")) > 3000, header(spent, "Retry-After"));
        assertNull(d.decide(get("/c").key("free")).problem());
    }
}
