package dev.warden.policy.auth;

import static dev.warden.policy.auth.AuthFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.policy.auth.AuthResult.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A repeated token skips the signature math but nothing else: its claims are checked afresh each time, and a new
 * key set (a JWKS refresh) makes it verify again.
 */
class JwtVerifiedCacheTest {

    static TestKey ec;
    static TestServer idp;

    @BeforeAll
    static void keys() throws Exception {
        ec = ec("ec-cache");
        idp = new TestServer();
        idp.body.set(jwks(ec.publicJwk()));
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @Test
    void aRepeatedTokenIsVerifiedOnceButItsClaimsEveryTime() {
        MutableClock clock = new MutableClock(T0);
        JwtAuthenticator auth = new JwtAuthenticator(jwtConfig(idp.url("/jwks"), null, List.of("ES256")), clock);
        Map<String, Object> claims = claims(T0);
        String token = sign(header("ES256", ec.kid()), claims, es256(ec.priv()));

        for (int i = 0; i < 5; i++) assertEquals(Status.OK, auth.authenticate(bearer(token)).status());
        assertEquals(1, auth.signatureChecks(), "five uses of one token must verify its signature once");

        // The cached signature does not extend the token's life: past exp (plus skew) it is refused.
        clock.advance(Duration.ofSeconds(600).plus(Duration.ofMinutes(5)));
        assertEquals(Status.INVALID, auth.authenticate(bearer(token)).status());
    }

    @Test
    void aDifferentSignatureIsNeverServedFromTheCache() {
        MutableClock clock = new MutableClock(T0);
        JwtAuthenticator auth = new JwtAuthenticator(jwtConfig(idp.url("/jwks"), null, List.of("ES256")), clock);
        String token = sign(header("ES256", ec.kid()), claims(T0), es256(ec.priv()));
        assertEquals(Status.OK, auth.authenticate(bearer(token)).status());
        String forged = flipSignatureByte(token);
        assertEquals(Status.INVALID, auth.authenticate(bearer(forged)).status());
        assertEquals(2, auth.signatureChecks());
    }
}
