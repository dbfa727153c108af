package dev.warden.it;

import static dev.warden.it.Http.assertProblem;
import static dev.warden.it.Http.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The conformance suite every test app must pass with the agent: one app JVM per concrete class, started with
 * {@code -javaagent:warden-agent.jar=policy=target/warden-it/policies/main-APP.yaml} (template
 * {@code policies/main.yaml}, mode enforce) and reused by all tests. Tests do not depend on each other's order: the
 * rate-limit test has consumers of its own, and counter checks compare before/after values.
 * <p>
 * A subclass names the app ({@link #appName()}); apps that need JVM flags or environment override the hooks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
public abstract class AbstractConformanceSuite {
    protected static final int MAIN_POLICY_ROUTES = 4;

    protected PolicyFiles.Policy policy;
    protected AppProcess app;
    protected Http http;

    /** The test app's directory name under test-apps/, also its jar's base name (e.g. "spring-mvc"). */
    protected abstract String appName();

    /** Extra JVM flags for this app (before -javaagent). */
    protected List<String> extraJvmArgs() {
        return List.of();
    }

    /** JVM arguments after Warden's -javaagent (another agent loaded after Warden's). */
    protected List<String> extraJvmArgsAfterAgent() {
        return List.of();
    }

    /** Extra environment for this app (PORT is always set). */
    protected Map<String, String> extraEnv() {
        return Map.of();
    }

    /** The client the suite talks to the app with (plain HTTP by default; HTTPS variants override). */
    protected Http connect(int port) {
        return new Http(port);
    }

    @BeforeAll
    void startApp() {
        policy = PolicyFiles.render("main.yaml", "main-" + appName() + ".yaml", Map.of("mode", "enforce"));
        app = AppProcess.builder(appName())
                .policy(policy.path())
                .jvmArgs(extraJvmArgs())
                .jvmArgsAfterAgent(extraJvmArgsAfterAgent())
                .env(extraEnv())
                .logName(appName() + "-" + getClass().getSimpleName())
                .start();
        http = connect(app.port());
        app.awaitReady(AppProcess.READY_TIMEOUT, http);
    }

    @AfterAll
    void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    protected String readerKey() {
        return policy.key("reader");
    }

    protected String adminKey() {
        return policy.key("admin");
    }

    /** Failure context: the response and the app's output tail. */
    protected Supplier<String> ctx(HttpResponse<?> response) {
        return () -> Http.describe(response) + "\n" + app.tail();
    }

    protected Supplier<String> ctx() {
        return app::tail;
    }

    /** {@code handled} from /api/admin/stats (admin key): requests that reached the app's handlers. */
    protected long handled() {
        HttpResponse<String> r = http.get("/api/admin/stats", adminKey());
        assertStatus(200, r, () -> "reading the handled counter with the admin key\n" + app.tail());
        JsonNode stats = Http.json(r);
        assertTrue(stats.path("handled").isIntegralNumber(), () -> "stats.handled must be an integer: " + r.body());
        return stats.path("handled").asLong();
    }

    protected JsonNode okJson(HttpResponse<String> r) {
        assertStatus(200, r, ctx());
        return Http.json(r);
    }

    // ---- startup ---------------------------------------------------------------------------------------------------

    @Test
    void startupLineOnStderr() {
        Diagnostics.assertStartupLine(app, policy.given(), "enforce", MAIN_POLICY_ROUTES);
    }

    /** Output that must not appear when all is well (the JVM's warnings that an agent can cause, Warden's own). */
    protected List<String> unexpectedOutput() {
        return List.of("warden: WARNING", "Sharing is only supported", "sun.misc.Unsafe", "terminally deprecated",
                "Exception in thread");
    }

    @Test
    void theAgentCausesNoWarningsWhenAllIsWell() {
        String out = app.stdoutText() + app.stderrText();
        for (String symptom : unexpectedOutput()) {
            assertTrue(!out.contains(symptom), () -> "unexpected '" + symptom + "' in the app's output\n" + app.tail());
        }
    }

    // ---- 1. authentication -----------------------------------------------------------------------------------------

    @Test
    void missingOrWrongKeyIs401AndNeverReachesTheApp() {
        long before = handled();
        String wrongKey = PolicyFiles.newApiKey();
        List<HttpResponse<String>> denied = new ArrayList<>();
        denied.add(http.get("/api/customers", null));                               // no key
        denied.add(http.get("/api/customers/c-1001", wrongKey));                    // unknown key
        denied.add(http.get("/api/customers/c-1001", PolicyFiles.sha256Hex(readerKey()))); // the digest is not the key
        denied.add(http.postJson("/api/customers", null, "{\"name\":\"Mallory\"}")); // no key, POST
        denied.add(http.get("/api/admin/stats", null));                             // authentication before allow
        for (HttpResponse<String> r : denied) {
            assertProblem(401, r, ctx());
            Http.requireHeader(r, "WWW-Authenticate", ctx(r));
        }
        assertEquals(before, handled(), () -> "denied requests must not reach the app's handlers\n" + app.tail());

        // Control: the counter does move for an admitted request, so the check above can fail.
        assertStatus(200, http.get("/api/customers/c-1002", readerKey()), ctx());
        assertEquals(before + 1, handled(), () -> "one admitted request must count once in handled\n" + app.tail());
    }

    // ---- 2. admitted, anonymous health, unmatched ------------------------------------------------------------------

    @Test
    void rightKeyIsAdmitted() {
        HttpResponse<String> r = http.get("/api/customers", readerKey());
        assertStatus(200, r, ctx());
        assertEquals(3, Http.json(r).size(), () -> "three fixture customers\n" + Http.describe(r));
    }

    @Test
    void healthNeedsNoKey() {
        HttpResponse<String> r = http.get("/health", null);
        assertStatus(200, r, ctx());
        Fixture.assertSameJson(Fixture.JSON.createObjectNode().put("status", "UP"), Http.json(r), ctx(r));
    }

    @Test
    void unmatchedRequestsAre404AndNeverReachTheApp() {
        long before = handled();
        List<HttpResponse<String>> denied = List.of(
                http.get("/nope", readerKey()),
                http.get("/api/other", readerKey()),
                http.get("/api/customersX", readerKey()),          // not under /api/customers/**
                http.send("POST", "/health", readerKey()),         // health route is GET only
                http.get("/nope", null),                           // unmatched wins over authentication
                http.get("/api/other", adminKey()));
        for (HttpResponse<String> r : denied) {
            assertProblem(404, r, ctx());
        }
        assertEquals(before, handled(), () -> "unmatched requests must not reach the app's handlers\n" + app.tail());
    }

    // ---- 3. allow (CEL) --------------------------------------------------------------------------------------------

    @Test
    void allowExpressionGuardsAdmin() {
        HttpResponse<String> forbidden = http.get("/api/admin/stats", readerKey());
        assertProblem(403, forbidden, ctx());

        HttpResponse<String> allowed = http.get("/api/admin/stats", adminKey());
        JsonNode stats = okJson(allowed);
        assertEquals(3, stats.path("customers").asInt(), () -> "stats.customers\n" + Http.describe(allowed));
    }

    // ---- 4. rate limit ---------------------------------------------------------------------------------------------

    @Test
    void rateLimitPerConsumer() {
        final String path = "/api/customers/c-1003";          // route "limited": 3 per 3s by consumer
        final String route = "limited";

        // Warm the path up with a consumer of its own, so the timed burst below is fast; also checks the masking.
        HttpResponse<String> warm = http.get(path, policy.key("rl-warm"));
        Fixture.assertSameJson(Fixture.protect(Fixture.customer("c-1003")), okJson(warm), ctx(warm));

        String a = policy.key("rl-a");
        long start = System.nanoTime();
        List<HttpResponse<String>> burst = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            burst.add(http.get(path, a));
        }
        long burstMillis = (System.nanoTime() - start) / 1_000_000;
        Supplier<String> burstCtx = () -> "4 requests by rl-a took " + burstMillis + " ms (limit 3 per 3 s)\n" + app.tail();

        for (int i = 0; i < 3; i++) {
            final int n = i + 1;
            HttpResponse<String> r = burst.get(i);
            assertStatus(200, r, burstCtx);
            Map<String, String> rl = Http.rateLimitItem(r, "RateLimit", route, burstCtx);
            assertEquals(2 - i, Http.intParam(rl, "r", "RateLimit", burstCtx),
                    () -> "RateLimit r after request " + n + " of 3\n" + Http.describe(r) + burstCtx.get());
            long t = Http.intParam(rl, "t", "RateLimit", burstCtx);
            assertTrue(t <= 3, () -> "RateLimit t must be within the 3 s window\n" + Http.describe(r));
        }

        HttpResponse<String> limited = burst.get(3);
        assertProblem(429, limited, burstCtx);
        String retryAfterValue = Http.requireHeader(limited, "Retry-After", burstCtx);
        assertTrue(retryAfterValue.trim().matches("\\d+"), () -> "Retry-After must be whole seconds: " + retryAfterValue);
        int retryAfter = Integer.parseInt(retryAfterValue.trim());
        assertTrue(retryAfter >= 1 && retryAfter <= 3, () -> "Retry-After must be 1..3 s for a 3 s window: " + retryAfter);
        Map<String, String> policyItem = Http.rateLimitItem(limited, "RateLimit-Policy", route, burstCtx);
        assertEquals(3, Http.intParam(policyItem, "q", "RateLimit-Policy", burstCtx), "RateLimit-Policy q");
        assertEquals(3, Http.intParam(policyItem, "w", "RateLimit-Policy", burstCtx), "RateLimit-Policy w");
        Map<String, String> rl = Http.rateLimitItem(limited, "RateLimit", route, burstCtx);
        assertEquals(0, Http.intParam(rl, "r", "RateLimit", burstCtx), "RateLimit r on the 429");
        long t = Http.intParam(rl, "t", "RateLimit", burstCtx);
        assertTrue(t <= 3, () -> "RateLimit t must be within the 3 s window: " + t);

        // Another consumer has its own bucket.
        HttpResponse<String> other = http.get(path, policy.key("rl-b"));
        assertStatus(200, other, ctx());
        assertEquals(2, Http.intParam(Http.rateLimitItem(other, "RateLimit", route, ctx(other)), "r", "RateLimit", ctx(other)),
                () -> "rl-b's first request leaves 2\n" + Http.describe(other));

        // After Retry-After, rl-a is admitted again.
        AppProcess.sleep(retryAfter * 1000L + 250);
        HttpResponse<String> again = http.get(path, a);
        assertStatus(200, again, () -> "after sleeping Retry-After=" + retryAfter + " s\n" + app.tail());
        Fixture.assertSameJson(Fixture.protect(Fixture.customer("c-1003")), Http.json(again), ctx(again));
    }

    // ---- 5. response masking ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/customers", "/api/customers/c-1001", "/api/customers/c-1001/raw"})
    void responsesAreMasked(String path) {
        HttpResponse<String> r = http.get(path, readerKey());
        JsonNode body = okJson(r);
        JsonNode unprotected = path.equals("/api/customers") ? Fixture.customers() : Fixture.customer("c-1001");

        Fixture.assertNoProperty(body, "ssn", ctx(r));
        JsonNode c1001 = body.isArray() ? body.get(0) : body;
        assertEquals("c-1001", c1001.path("id").asText(), () -> "first record\n" + Http.describe(r));
        assertEquals("************1111", c1001.path("card").path("number").asText(null), () -> "c-1001 card.number\n" + Http.describe(r));
        assertEquals(Fixture.REDACTED, c1001.path("email").asText(null), () -> "c-1001 email\n" + Http.describe(r));
        if (body.isArray()) {
            assertEquals("************5559", body.path(1).path("card").path("number").asText(null), "c-1002 card.number");
            assertEquals("***********0005", body.path(2).path("card").path("number").asText(null), "c-1003 card.number");
            for (JsonNode c : body) {
                assertEquals(Fixture.REDACTED, c.path("email").asText(null), () -> "email of " + c.path("id"));
            }
        }
        // Everything else exactly as the app produced it (notes keep their text: rules select properties, not text).
        Fixture.assertSameJson(Fixture.protect(unprotected), body, ctx(r));
    }

    @Test
    void streamedExportIsMasked() {
        HttpResponse<String> r = http.get("/api/customers/export?count=50", readerKey());
        JsonNode body = okJson(r);
        assertTrue(body.isArray(), () -> "export must be an array\n" + Http.describe(r));
        assertEquals(50, body.size(), () -> "export?count=50 record count\n" + Http.describe(r));
        Fixture.assertNoProperty(body, "ssn", ctx(r));
        for (int i = 0; i < body.size(); i++) {
            Fixture.assertProtectedExportRecord(body.get(i), i + 1);
        }
    }

    // ---- 6. POST echo ----------------------------------------------------------------------------------------------

    @Test
    void postEchoIsMasked() {
        ObjectNode created = Fixture.JSON.createObjectNode();
        created.put("name", "Katherine Johnson")
                .put("email", "katherine@example.com")
                .put("phone", "+1 757 555 0100")
                .put("ssn", "111-22-3333");
        created.putObject("card").put("number", "6011000990139424").put("expiry", "03/31").put("holder", "KATHERINE JOHNSON");
        created.putObject("address").put("street", "1 NASA Drive").put("city", "Hampton").put("postcode", "23666").put("country", "US");
        created.putArray("tags").add("nasa");
        created.put("balance", 42.5).put("notes", "Card 6011 0009 9013 9424 on file");

        HttpResponse<String> r = http.postJson("/api/customers", readerKey(), created.toString());
        assertStatus(201, r, ctx());
        JsonNode echo = Http.json(r);
        String id = echo.path("id").asText("");
        assertTrue(!id.isBlank(), () -> "the echo must carry a new id\n" + Http.describe(r));
        assertNotEquals("c-1001", id);
        Fixture.assertNoProperty(echo, "ssn", ctx(r));
        assertEquals("************9424", echo.path("card").path("number").asText(null), () -> "card.number\n" + Http.describe(r));
        assertEquals(Fixture.REDACTED, echo.path("email").asText(null), () -> "email\n" + Http.describe(r));

        ObjectNode expected = (ObjectNode) Fixture.protect(created);
        expected.put("id", id);
        Fixture.assertSameJson(expected, echo, ctx(r));
    }
}
