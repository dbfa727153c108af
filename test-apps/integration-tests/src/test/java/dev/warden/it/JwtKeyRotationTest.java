package dev.warden.it;

import static dev.warden.it.Http.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * JWKS key rotation without a restart, and keys outliving their cache TTL while the IdP is down (policy
 * {@code policies/jwt-tuned.yaml}: jwksCacheTtl 2s, jwksRefetchMinInterval 1s, jwksTimeout 2s).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class JwtKeyRotationTest {
    private static final String APP = "spring-mvc";
    private static final String CUSTOMER = "/api/customers/c-1001";
    private static final long TTL_MILLIS = 2000;
    private static final long REFETCH_MIN_MILLIS = 1000;

    private final SecretScan secrets = new SecretScan();
    private TestIdp idp;
    private Jwt.Key first;
    private Jwt.Key current;
    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;

    @BeforeAll
    void start() {
        first = Jwt.rsa("rot-1");
        current = first;
        idp = new TestIdp().jwks(List.of(first));
        policy = PolicyFiles.render("jwt-tuned.yaml", "jwt-rotation-" + APP + ".yaml", Map.of(
                "jwks", idp.jwksUrl(), "jwksCacheTtl", "2s", "jwksRefetchMinInterval", "1s", "jwksTimeout", "2s"));
        secrets.secret("admin API key", policy.key("admin"));
        app = AppProcess.builder(APP).policy(policy.path()).logName(APP + "-jwt-rotation").start();
        secrets.app(app);
        app.awaitReady();
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        secrets.closeAndCheck(app, idp);
    }

    private String token(Jwt.Key key) {
        return secrets.token("JWT", Jwt.token("user-1").sign(key));
    }

    private HttpResponse<String> bearer(String token) {
        return http.getWithHeaders(CUSTOMER, "Authorization", "Bearer " + token);
    }

    private long handled() {
        HttpResponse<String> r = http.get("/api/admin/stats", policy.key("admin"));
        assertStatus(200, r, () -> "reading the handled counter with the admin key\n" + app.tail());
        return Http.json(r).path("handled").asLong();
    }

    private void assertAdmitted(HttpResponse<String> r, Supplier<String> ctx) {
        assertStatus(200, r, ctx);
        Fixture.assertSameJson(Fixture.protect(Fixture.customer("c-1001")), Http.json(r), ctx);
    }

    @Test
    @Order(1)
    void rotatedKeyIsPickedUpAndTheRemovedKeyStopsWorkingAfterTheTtl() {
        String oldToken = token(first);
        assertAdmitted(bearer(oldToken), () -> "token signed by the first key\n" + app.tail());

        // The IdP rotates: only the new key is published. A token signed by it (new kid) must work without a
        // restart; wait out the refetch interval first so that the unknown kid may trigger a fetch.
        Jwt.Key second = Jwt.rsa("rot-2");
        int hitsAtRotation = idp.jwksHits();
        idp.jwks(List.of(second));
        current = second;
        AppProcess.sleep(REFETCH_MIN_MILLIS + 500);
        assertAdmitted(bearer(token(second)), () -> "token signed by the rotated-in key (kid rot-2), "
                + (REFETCH_MIN_MILLIS + 500) + " ms after the rotation\n" + app.tail());
        assertTrue(idp.jwksHits() > hitsAtRotation,
                () -> "the new key can only be known from a JWKS fetch after the rotation; hits " + hitsAtRotation
                        + " -> " + idp.jwksHits());

        // The removed key is gone once the cached set has expired.
        AppProcess.sleep(TTL_MILLIS + 500);
        long before = handled();
        HttpResponse<String> removed = bearer(token(first));
        Challenges.assertBearer401(removed, Set.of("invalid_token"),
                () -> "token signed by the removed key, " + (TTL_MILLIS + 500) + " ms after the TTL\n" + app.tail());
        HttpResponse<String> removedOld = bearer(oldToken);
        Challenges.assertBearer401(removedOld, Set.of("invalid_token"), () -> "the earlier token of the removed key\n" + app.tail());
        assertEquals(before, handled(), () -> "tokens of a removed key must not reach the app\n" + app.tail());

        assertAdmitted(bearer(token(second)), () -> "the current key keeps working\n" + app.tail());
    }

    @Test
    @Order(2)
    void cachedKeysOutliveTheTtlWhileTheJwksEndpointIsDown() {
        assertAdmitted(bearer(token(current)), () -> "before the outage\n" + app.tail());
        try {
            for (TestIdp.Mode mode : List.of(TestIdp.Mode.HTTP_503, TestIdp.Mode.CLOSE)) {
                idp.jwksMode(mode);
                int hitsBefore = idp.jwksHits();
                AppProcess.sleep(TTL_MILLIS + 1000);
                assertAdmitted(bearer(token(current)), () -> "JWKS endpoint " + mode + " for longer than the 2 s TTL: "
                        + "the last good key set must keep serving (only a never-fetched JWKS gives 503)\n" + app.tail());
                // The refresh runs in the background (the request is answered from the cached keys), so give the
                // attempt a moment to reach the IdP before checking that it happened.
                long deadline = System.currentTimeMillis() + 3000;
                while (idp.jwksHits() <= hitsBefore && System.currentTimeMillis() < deadline) AppProcess.sleep(50);
                assertTrue(idp.jwksHits() > hitsBefore, () -> "after the TTL Warden must have tried to refresh the JWKS ("
                        + mode + ")");
            }
        } finally {
            idp.jwksMode(TestIdp.Mode.UP);
        }
        AppProcess.sleep(REFETCH_MIN_MILLIS + 200);
        assertAdmitted(bearer(token(current)), () -> "after the outage\n" + app.tail());
    }
}
