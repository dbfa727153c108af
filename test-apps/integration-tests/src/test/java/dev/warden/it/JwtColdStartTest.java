package dev.warden.it;

import static dev.warden.it.Http.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The app starts while the IdP's JWKS endpoint is down (policy {@code policies/jwt-tuned.yaml}: jwksTimeout 1s,
 * jwksRefetchMinInterval 1s): a request with a well-formed, correctly signed token is answered 503 problem+json with
 * Retry-After -- never 200, never a hang -- until the IdP is back, and then admitted without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class JwtColdStartTest {
    private static final String APP = "spring-mvc";
    private static final String CUSTOMER = "/api/customers/c-1001";
    private static final long JWKS_TIMEOUT_MILLIS = 1000;

    private final SecretScan secrets = new SecretScan();
    private TestIdp idp;
    private Jwt.Key key;
    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;

    @BeforeAll
    void start() {
        key = Jwt.ec("cold-1");
        idp = new TestIdp().jwks(List.of(key)).jwksMode(TestIdp.Mode.CLOSE).slowDelay(Duration.ofSeconds(4));
        policy = PolicyFiles.render("jwt-tuned.yaml", "jwt-cold-" + APP + ".yaml", Map.of(
                "jwks", idp.jwksUrl(), "jwksCacheTtl", "5m", "jwksRefetchMinInterval", "1s", "jwksTimeout", "1s"));
        secrets.secret("admin API key", policy.key("admin"));
        app = AppProcess.builder(APP).policy(policy.path()).logName(APP + "-jwt-cold").start();
        secrets.app(app);
        app.awaitReady();
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        secrets.closeAndCheck(app, idp);
    }

    private HttpResponse<String> bearer() {
        String token = secrets.token("JWT", Jwt.token("user-1").sign(key));
        return http.getWithHeaders(CUSTOMER, "Authorization", "Bearer " + token);
    }

    private long handled() {
        HttpResponse<String> r = http.get("/api/admin/stats", policy.key("admin"));
        assertStatus(200, r, () -> "reading the handled counter with the admin key (needs no JWKS)\n" + app.tail());
        return Http.json(r).path("handled").asLong();
    }

    @Test
    void neverFetchedJwksIs503UntilTheIdpIsBack() {
        long before = handled();
        for (TestIdp.Mode mode : List.of(TestIdp.Mode.CLOSE, TestIdp.Mode.HTTP_503, TestIdp.Mode.SLOW)) {
            idp.jwksMode(mode);
            AppProcess.sleep(1200);                         // past jwksRefetchMinInterval: Warden may try again
            long start = System.nanoTime();
            HttpResponse<String> r = bearer();
            long millis = (System.nanoTime() - start) / 1_000_000;
            Challenges.assertUnavailable(r, () -> "JWKS never fetched, endpoint " + mode + "\n" + app.tail());
            assertTrue(millis <= JWKS_TIMEOUT_MILLIS + 1000, () -> "JWKS endpoint " + mode + ": the 503 took " + millis
                    + " ms; jwksTimeout is " + JWKS_TIMEOUT_MILLIS + " ms\n" + app.tail());
        }
        assertEquals(before, handled(), () -> "no request may reach the app while the keys are unknown\n" + app.tail());
        assertTrue(idp.jwksHits() >= 1, "Warden never tried to fetch the JWKS");

        idp.jwksMode(TestIdp.Mode.UP);
        long deadline = System.nanoTime() + 10_000_000_000L;
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = bearer();
            if (last.statusCode() == 200) {
                Fixture.assertSameJson(Fixture.protect(Fixture.customer("c-1001")), Http.json(last), app::tail);
                return;
            }
            Challenges.assertUnavailable(last, () -> "while recovering, only 503 (then 200) is acceptable\n" + app.tail());
            AppProcess.sleep(300);
        }
        fail("10 s after the JWKS endpoint came back, a valid token is still refused\n" + Http.describe(last) + "\n" + app.tail());
    }
}
