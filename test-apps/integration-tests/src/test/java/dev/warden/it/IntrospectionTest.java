package dev.warden.it;

import static dev.warden.it.Http.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * OAuth 2.0 token introspection (RFC 7662) end to end (policy {@code policies/introspection.yaml}: timeout 1s,
 * cacheTtl 5m, inactiveCacheTtl 10s, client secret from the environment). The fake IdP checks the client's HTTP
 * Basic credentials and counts calls per token. Every test uses tokens of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class IntrospectionTest {
    private static final String APP = "spring-mvc";
    private static final String CUSTOMER = "/api/customers/c-1001";
    private static final long TIMEOUT_MILLIS = 1000;

    private final SecretScan secrets = new SecretScan();
    private String clientSecret;
    private TestIdp idp;
    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;

    @BeforeAll
    void start() {
        clientSecret = "cs" + PolicyFiles.newApiKey().substring(3).replace("-", "x").replace("_", "y");  // [A-Za-z0-9]
        secrets.basic("introspection client secret", "warden", clientSecret);
        idp = new TestIdp("warden", clientSecret).slowDelay(Duration.ofSeconds(3));
        policy = PolicyFiles.render("introspection.yaml", "introspection-" + APP + ".yaml",
                Map.of("endpoint", idp.introspectionUrl()));
        secrets.secret("admin API key", policy.key("admin"));
        app = AppProcess.builder(APP).policy(policy.path()).env("INTROSPECTION_SECRET", clientSecret)
                .logName(APP + "-introspection").start();
        secrets.app(app);
        app.awaitReady();
        http = new Http(app.port());
    }

    @AfterEach
    void idpBackToNormal() {
        if (idp != null) {
            idp.introspectionMode(TestIdp.Mode.UP);
        }
    }

    @AfterAll
    void stop() {
        secrets.closeAndCheck(app, idp);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** A fresh opaque token (not a JWT). */
    private String opaque() {
        return secrets.token("opaque token", "ot_" + PolicyFiles.newApiKey().substring(3));
    }

    /** A fresh token the IdP calls active: sub intro-user, roles [reader], the given scope, valid for an hour. */
    private String activeToken(String scope) {
        String token = opaque();
        ObjectNode answer = TestIdp.active("intro-user", scope, 3600);
        answer.putArray("roles").add("reader");
        idp.introspection(token, answer);
        return token;
    }

    private HttpResponse<String> bearer(String path, String token) {
        return http.getWithHeaders(path, "Authorization", "Bearer " + token);
    }

    private long handled() {
        HttpResponse<String> r = http.get("/api/admin/stats", policy.key("admin"));
        assertStatus(200, r, () -> "reading the handled counter with the admin key\n" + app.tail());
        return Http.json(r).path("handled").asLong();
    }

    private void assertCustomer(HttpResponse<String> r, Supplier<String> ctx) {
        assertStatus(200, r, ctx);
        Fixture.assertSameJson(Fixture.protect(Fixture.customer("c-1001")), Http.json(r), () -> Http.describe(r) + "\n" + ctx.get());
    }

    // ---- tests -----------------------------------------------------------------------------------------------------

    @Test
    void activeTokenIsAdmittedAndMasked() {
        long before = handled();
        String token = activeToken("customers:read");
        assertCustomer(bearer(CUSTOMER, token), app::tail);
        assertEquals(1, idp.introspectionHits(token), "one introspection call for the token");
        assertEquals(0, idp.badCredentialHits(), "Warden must authenticate to the introspection endpoint as warden:<secret>");
        assertEquals(before + 1, handled(), app::tail);
    }

    @Test
    void inactiveOrUnknownTokenIs401() {
        long before = handled();
        String inactive = opaque();
        idp.introspection(inactive, TestIdp.inactive());
        Challenges.assertBearer401(bearer(CUSTOMER, inactive), Set.of("invalid_token"), app::tail);
        assertEquals(1, idp.introspectionHits(inactive), "the inactive token was introspected once");

        String unknown = opaque();                          // the IdP answers {"active":false}
        Challenges.assertBearer401(bearer(CUSTOMER, unknown), Set.of("invalid_token"), app::tail);

        // "active" must be the JSON boolean true: "true" (a string) is no admission. Whether such an answer is an
        // inactive token (401) or a broken introspection endpoint (503) the contract does not say; never 200.
        String activeAsString = opaque();
        ObjectNode odd = TestIdp.active("intro-user", "customers:read", 3600).put("active", "true");
        odd.putArray("roles").add("reader");
        idp.introspection(activeAsString, odd);
        HttpResponse<String> oddAnswer = bearer(CUSTOMER, activeAsString);
        if (oddAnswer.statusCode() == 503) {
            Challenges.assertUnavailable(oddAnswer, app::tail);
        } else {
            Challenges.assertBearer401(oddAnswer, Set.of("invalid_token"), app::tail);
        }

        // An active answer whose exp has passed is not trusted.
        String expired = opaque();
        ObjectNode stale = TestIdp.active("intro-user", "customers:read", 3600).put("exp", Instant.now().getEpochSecond() - 300);
        stale.putArray("roles").add("reader");
        idp.introspection(expired, stale);
        Challenges.assertBearer401(bearer(CUSTOMER, expired), Set.of("invalid_token"), app::tail);

        assertEquals(before, handled(), () -> "rejected tokens must not reach the app\n" + app.tail());
    }

    @Test
    void activeResultIsCachedWithinTheTtl() {
        String token = activeToken("customers:read");
        for (int i = 0; i < 3; i++) {
            assertCustomer(bearer(CUSTOMER, token), app::tail);
        }
        assertEquals(1, idp.introspectionHits(token), "3 requests with one token within cacheTtl: one introspection call");
    }

    @Test
    void inactiveResultIsCachedWithinTheInactiveTtl() {
        String token = opaque();
        idp.introspection(token, TestIdp.inactive());
        for (int i = 0; i < 3; i++) {
            Challenges.assertBearer401(bearer(CUSTOMER, token), Set.of("invalid_token"), app::tail);
        }
        assertEquals(1, idp.introspectionHits(token), "3 requests with one inactive token within inactiveCacheTtl: one call");
    }

    @Test
    void cachedResultNeverOutlivesTheTokensExp() {
        String token = opaque();
        ObjectNode shortLived = TestIdp.active("intro-user", "customers:read", 3);
        shortLived.putArray("roles").add("reader");
        idp.introspection(token, shortLived);
        long exp = shortLived.path("exp").asLong();
        assertCustomer(bearer(CUSTOMER, token), app::tail);
        // The IdP now says inactive; within the token's life the cached answer stands, after its exp it must not.
        idp.introspection(token, TestIdp.inactive());
        long waitMillis = (exp + 1) * 1000 - System.currentTimeMillis() + 500;
        AppProcess.sleep(Math.max(0, waitMillis));
        Challenges.assertBearer401(bearer(CUSTOMER, token), Set.of("invalid_token"),
                () -> "1.5 s after the token's exp (cacheTtl is 5m, but a cached result never outlives exp)\n" + app.tail());
    }

    @Test
    void slowEndpointIs503WithinTheTimeout() {
        long before = handled();
        String token = activeToken("customers:read");
        idp.introspectionMode(TestIdp.Mode.SLOW);                          // answers after 3 s; timeout is 1 s
        long start = System.nanoTime();
        HttpResponse<String> r = bearer(CUSTOMER, token);
        long millis = (System.nanoTime() - start) / 1_000_000;
        Challenges.assertUnavailable(r, () -> "introspection slower than its timeout\n" + app.tail());
        assertTrue(millis <= TIMEOUT_MILLIS + 1000, () -> "the 503 took " + millis + " ms; timeout is " + TIMEOUT_MILLIS + " ms");
        assertEquals(before, handled(), () -> "fail closed: nothing reaches the app\n" + app.tail());

        // A timeout is not an "inactive" verdict: once the IdP answers again the same token is admitted.
        idp.introspectionMode(TestIdp.Mode.UP);
        assertEventuallyAdmitted(token, "after the slow IdP recovered");
    }

    @Test
    void failingEndpointIs503() {
        long before = handled();
        for (TestIdp.Mode mode : List.of(TestIdp.Mode.HTTP_500, TestIdp.Mode.HTTP_503, TestIdp.Mode.CLOSE)) {
            String token = activeToken("customers:read");
            idp.introspectionMode(mode);
            HttpResponse<String> r = bearer(CUSTOMER, token);
            Challenges.assertUnavailable(r, () -> "introspection endpoint " + mode + "\n" + app.tail());
            assertTrue(idp.introspectionHits(token) >= 1, () -> "Warden did not call the endpoint (" + mode + ")");
            idp.introspectionMode(TestIdp.Mode.UP);
            assertEventuallyAdmitted(token, "after the endpoint (" + mode + ") recovered");
        }
        assertEquals(before + 3, handled(), () -> "only the 3 admitted requests reach the app\n" + app.tail());
    }

    @Test
    void scopesFromTheIntrospectionAnswer() {
        HttpResponse<String> ok = bearer("/api/customers", activeToken("profile customers:read"));
        assertStatus(200, ok, app::tail);
        Fixture.assertSameJson(Fixture.protect(Fixture.customers()), Http.json(ok), app::tail);
        HttpResponse<String> missing = bearer("/api/customers", activeToken("profile"));
        Challenges.assertInsufficientScope(missing, "customers:read", app::tail);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void wardenAlwaysSentTheRightClientCredentials() {
        assertTrue(idp.introspectionHits() > 0, "no introspection call at all");
        assertEquals(0, idp.badCredentialHits(), "introspection calls with missing or wrong HTTP Basic credentials");
    }

    private void assertEventuallyAdmitted(String token, String what) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = bearer(CUSTOMER, token);
            if (last.statusCode() == 200) {
                assertCustomer(last, app::tail);
                return;
            }
            Challenges.assertUnavailable(last, () -> what + ": only 503 (then 200) is acceptable\n" + app.tail());
            AppProcess.sleep(250);
        }
        fail(what + ": the active token is still refused after 5 s\n" + Http.describe(last) + "\n" + app.tail());
    }
}
