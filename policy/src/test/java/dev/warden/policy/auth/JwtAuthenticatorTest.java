package dev.warden.policy.auth;

import static dev.warden.policy.auth.AuthFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.policy.auth.AuthResult.Status;
import dev.warden.policy.engine.RequestView;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JwtAuthenticator against real keys, real tokens and a JWKS served over HTTP on 127.0.0.1. */
class JwtAuthenticatorTest {

    static TestKey rsa;          // in the JWKS
    static TestKey ec;           // in the JWKS
    static TestKey ed;           // in the JWKS
    static TestKey attackerRsa;  // never in the JWKS
    static TestKey attackerEc;   // never in the JWKS
    static TestServer idp;
    static TestServer attacker;
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef-hs256-test-secret".getBytes(StandardCharsets.UTF_8);
    static final List<String> ASYMMETRIC = List.of("RS256", "PS256", "ES256", "EdDSA", "Ed25519");

    MutableClock clock;
    Instant now;

    @BeforeAll
    static void keysAndServers() throws Exception {
        rsa = rsa("rsa-1");
        ec = ec("ec-1");
        ed = ed25519("ed-1");
        attackerRsa = rsa("attacker-rsa");
        attackerEc = ec("attacker-ec");
        idp = new TestServer();
        idp.body.set(jwks(rsa.publicJwk(), ec.publicJwk(), ed.publicJwk()));
        attacker = new TestServer();
        attacker.body.set(jwks(attackerRsa.publicJwk(), attackerEc.publicJwk()));
    }

    @AfterAll
    static void stop() {
        idp.close();
        attacker.close();
    }

    @BeforeEach
    void clock() {
        clock = new MutableClock(T0);
        now = T0;
    }

    JwtAuthenticator auth() {
        return auth(ASYMMETRIC);
    }

    JwtAuthenticator auth(List<String> algorithms) {
        return new JwtAuthenticator(jwtConfig(idp.url("/jwks"), null, algorithms), clock);
    }

    JwtAuthenticator hmacAuth(List<String> algorithms) {
        return new JwtAuthenticator(jwtConfig(null, new String(SECRET, StandardCharsets.UTF_8), algorithms), clock);
    }

    JwtAuthenticator auth(JwtConfig config) {
        return new JwtAuthenticator(config, clock);
    }

    String rs256(Map<String, Object> claims) {
        return sign(header("RS256", rsa.kid()), claims, AuthFixtures.rs256(rsa.priv()));
    }

    static void assertInvalidToken(AuthResult r) {
        assertEquals(Status.INVALID, r.status(), () -> "expected INVALID, got " + r);
        assertEquals("invalid_token", r.error());
        assertNull(r.identity());
    }

    static void assertOk(AuthResult r) {
        assertEquals(Status.OK, r.status(), () -> "expected OK, got " + r);
    }

    AuthResult check(JwtAuthenticator a, String token) {
        return a.authenticate(bearer(token));
    }

    // =========================================================================================================
    // Acceptance
    // =========================================================================================================

    @Test
    void acceptsRs256() {
        AuthResult r = check(auth(), rs256(claims(now)));
        assertOk(r);
        assertEquals("alice", r.identity().consumerId());
    }

    @Test
    void acceptsRs256WithoutKidWhenAKeyOfTheRightTypeVerifies() {
        assertOk(check(auth(), sign(header("RS256", null), claims(now), AuthFixtures.rs256(rsa.priv()))));
    }

    @Test
    void acceptsPs256() {
        assertOk(check(auth(), sign(header("PS256", rsa.kid()), claims(now), ps256(rsa.priv()))));
    }

    @Test
    void acceptsEs256() {
        assertOk(check(auth(), sign(header("ES256", ec.kid()), claims(now), es256(ec.priv()))));
    }

    @Test
    void acceptsEdDsaWithEd25519Key() {
        assertOk(check(auth(), sign(header("EdDSA", ed.kid()), claims(now), ed25519(ed.priv()))));
    }

    @Test
    void acceptsFullySpecifiedEd25519Algorithm() {
        assertOk(check(auth(), sign(header("Ed25519", ed.kid()), claims(now), ed25519(ed.priv()))));
    }

    @Test
    void acceptsHs256WithTheConfiguredSecret() {
        AuthResult r = check(hmacAuth(List.of("HS256")), sign(header("HS256", null), claims(now), hs256(SECRET)));
        assertOk(r);
        assertEquals("alice", r.identity().consumerId());
    }

    @Test
    void acceptsATokenSignedByNimbus() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.kid()).build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of("x", AUDIENCE)).subject("bob")
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60))).build());
        jwt.sign(new RSASSASigner(rsa.priv()));
        AuthResult r = check(auth(), jwt.serialize());
        assertOk(r);
        assertEquals("bob", r.identity().consumerId());
    }

    @Test
    void acceptsExpiredWithinClockSkew() {
        Map<String, Object> c = claims(now);
        c.put("iat", now.minusSeconds(600).getEpochSecond());
        c.put("exp", now.minusSeconds(59).getEpochSecond());
        assertOk(check(auth(), rs256(c)));
    }

    @Test
    void acceptsNbfAndIatInTheFutureWithinClockSkew() {
        Map<String, Object> c = claims(now);
        c.put("nbf", now.plusSeconds(59).getEpochSecond());
        c.put("iat", now.plusSeconds(59).getEpochSecond());
        assertOk(check(auth(), rs256(c)));
    }

    @Test
    void acceptsAudienceArrayContainingAnAllowedAudience() {
        Map<String, Object> c = claims(now);
        c.put("aud", List.of("someone-else", "other-api"));
        assertOk(check(auth(), rs256(c)));
    }

    @Test
    void acceptsMissingIatWhenNoMaxLifetimeIsConfigured() {
        JwtConfig base = jwtConfig(idp.url("/jwks"), null, ASYMMETRIC);
        JwtConfig noMax = new JwtConfig(base.issuer(), base.audiences(), base.jwks(), null, base.algorithms(), base.clockSkew(),
                null, "sub", Map.of(), base.jwksCacheTtl(), base.jwksTimeout(), base.jwksMinRefetchInterval());
        Map<String, Object> c = claims(now);
        c.remove("iat");
        assertOk(check(auth(noMax), rs256(c)));
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        JwtAuthenticator a = auth();
        String token = rs256(claims(now));
        for (String scheme : List.of("bearer", "BEARER", "BeArEr")) {
            assertOk(a.authenticate(request(Map.of("authorization", List.of(scheme + " " + token)), null)));
        }
    }

    // ---- identity ---------------------------------------------------------------------------------------------

    @Test
    void identityCarriesConsumerAttributesScopesAndPlainClaims() {
        JwtConfig base = jwtConfig(idp.url("/jwks"), null, ASYMMETRIC);
        Map<String, String> attributeClaims = new LinkedHashMap<>();
        attributeClaims.put("roles", "realm_access.roles");
        attributeClaims.put("tenant", "https://warden.example/tenant");
        attributeClaims.put("plan", "https://warden.example/billing.plan");
        attributeClaims.put("missing", "realm_access.nothing.here");
        JwtConfig cfg = new JwtConfig(base.issuer(), base.audiences(), base.jwks(), null, base.algorithms(), base.clockSkew(),
                base.maxLifetime(), "azp", attributeClaims, base.jwksCacheTtl(), base.jwksTimeout(), base.jwksMinRefetchInterval());
        Map<String, Object> c = claims(now);
        c.put("azp", "acme-portal");
        c.put("realm_access", Map.of("roles", List.of("reader", "admin")));
        c.put("https://warden.example/tenant", "acme");
        c.put("https://warden.example/billing", Map.of("plan", "gold"));
        c.put("scope", "orders:read  orders:write");
        c.put("scp", List.of("admin"));
        c.put("ratio", 0.5);
        c.put("verified", true);
        c.put("nbf", now.minusSeconds(5).getEpochSecond());

        AuthResult r = check(auth(cfg), rs256(c));
        assertOk(r);
        Identity id = r.identity();
        assertEquals("acme-portal", id.consumerId());
        assertEquals(List.of("reader", "admin"), id.attributes().get("roles"));
        assertEquals("acme", id.attributes().get("tenant"));
        assertEquals("gold", id.attributes().get("plan"));
        assertFalse(id.attributes().containsKey("missing"));
        assertEquals(Set.of("orders:read", "orders:write", "admin"), id.scopes());
        assertEquals(now.plusSeconds(600).getEpochSecond(), id.claims().get("exp"));
        assertEquals(Long.class, id.claims().get("exp").getClass());
        assertEquals(Long.class, id.claims().get("iat").getClass());
        assertEquals(Long.class, id.claims().get("nbf").getClass());
        assertEquals(0.5, id.claims().get("ratio"));
        assertEquals(Boolean.TRUE, id.claims().get("verified"));
        assertEquals(AUDIENCE, id.claims().get("aud"));
        Object realm = id.claims().get("realm_access");
        assertTrue(realm instanceof Map, "nested object as a Map");
        assertTrue(realm.getClass().getName().startsWith("java."), "plain Java map, not a parser's: " + realm.getClass());
        assertTrue(((Map<?, ?>) realm).get("roles").getClass().getName().startsWith("java."));
        assertTrue(id.cert().isEmpty());
    }

    @Test
    void fractionalExpIsExposedAsWholeSeconds() {
        Map<String, Object> c = claims(now);
        c.put("exp", now.plusSeconds(100).getEpochSecond() + 0.75);
        AuthResult r = check(auth(), rs256(c));
        assertOk(r);
        assertEquals(now.plusSeconds(100).getEpochSecond(), r.identity().claims().get("exp"));
    }

    @Test
    void scpMayBeAString() {
        Map<String, Object> c = claims(now);
        c.put("scp", "a b");
        assertEquals(Set.of("a", "b"), check(auth(), rs256(c)).identity().scopes());
    }

    // =========================================================================================================
    // Credential placement
    // =========================================================================================================

    @Test
    void noAuthorizationHeaderIsAbsent() {
        assertEquals(AuthResult.ABSENT, auth().authenticate(request(Map.of(), null)));
    }

    @Test
    void anotherSchemeIsAbsent() {
        assertEquals(AuthResult.ABSENT, auth().authenticate(request(Map.of("Authorization", List.of("Basic YWxpY2U6cHc=")), null)));
        assertEquals(AuthResult.ABSENT, auth().authenticate(request(Map.of("Authorization", List.of("Bearertoken")), null)));
    }

    @Test
    void twoAuthorizationHeadersAreAnInvalidRequest() {
        String token = rs256(claims(now));
        AuthResult r = auth().authenticate(request(Map.of("Authorization", List.of("Bearer " + token, "Bearer " + token)), null));
        assertEquals(AuthResult.invalid("invalid_request"), r);
        r = auth().authenticate(request(Map.of("Authorization", List.of("Basic YWxpY2U6cHc=", "Bearer " + token)), null));
        assertEquals(AuthResult.invalid("invalid_request"), r);
    }

    @Test
    void tokenAlsoInTheQueryIsAnInvalidRequest() {
        String token = rs256(claims(now));
        AuthResult r = auth().authenticate(request(Map.of("Authorization", List.of("Bearer " + token)), "x=1&access_token=" + token));
        assertEquals(AuthResult.invalid("invalid_request"), r);
        r = auth().authenticate(request(Map.of("Authorization", List.of("Bearer " + token)), "access%5Ftoken=abc"));
        assertEquals(AuthResult.invalid("invalid_request"), r);
        assertOk(auth().authenticate(request(Map.of("Authorization", List.of("Bearer " + token)), "my_access_token=abc")));
    }

    @Test
    void emptyOrFoldedBearerCredentialsAreAnInvalidRequest() {
        String token = rs256(claims(now));
        for (String value : List.of("Bearer", "Bearer   ", "Bearer " + token + ", Bearer " + token, "Bearer a b")) {
            assertEquals(AuthResult.invalid("invalid_request"),
                    auth().authenticate(request(Map.of("Authorization", List.of(value)), null)), value);
        }
    }

    @Test
    void overlongTokenIsRejectedWithoutParsing() {
        assertInvalidToken(check(auth(), "a".repeat(BearerToken.MAX_TOKEN_LENGTH + 1)));
    }

    @Test
    void neverThrowsEvenWhenTheRequestViewDoes() {
        RequestView broken = request(Map.of(), null);
        RequestView throwing = new RequestView() {
            public String method() { return broken.method(); }
            public String rawPath() { return broken.rawPath(); }
            public String query() { throw new IllegalStateException("boom"); }
            public List<String> headers(String name) { return List.of("Bearer " + rs256(claims(now))); }
            public List<String> headerNames() { return List.of("Authorization"); }
            public String clientIp() { return broken.clientIp(); }
        };
        AuthResult r = assertDoesNotThrow(() -> auth().authenticate(throwing));
        assertNotEquals(Status.OK, r.status());
    }

    // =========================================================================================================
    // Rejections: algorithm and key selection
    // =========================================================================================================

    @Test
    void rejectsUnsignedAlgNoneToken() {
        String token = b64(json(Map.of("alg", "none", "typ", "JWT"))) + "." + b64(json(claims(now))) + ".";
        assertInvalidToken(check(auth(), token));
    }

    @Test
    void rejectsAlgNoneCarryingASignature() {
        String token = sign(Map.of("alg", "none"), claims(now), AuthFixtures.rs256(rsa.priv()));
        assertInvalidToken(check(auth(), token));
    }

    @Test
    void rejectsCaseVariantsOfNone() {
        for (String none : List.of("None", "NONE", "nOnE")) {
            String token = sign(Map.of("alg", none, "kid", rsa.kid()), claims(now), AuthFixtures.rs256(rsa.priv()));
            assertInvalidToken(check(auth(), token));
        }
    }

    @Test
    void rejectsAValidSignatureWithAnAlgorithmOutsideTheAllowlist() {
        String token = sign(header("RS384", rsa.kid()), claims(now), jca("SHA384withRSA", rsa.priv()));
        assertInvalidToken(check(auth(List.of("RS256")), token));
        // the same key and algorithm pass once RS384 is allowed: the allowlist alone rejected it
        assertOk(check(auth(List.of("RS256", "RS384")), token));
    }

    @Test
    void rejectsAlgorithmNamesInAnotherCase() {
        assertInvalidToken(check(auth(), sign(header("rs256", rsa.kid()), claims(now), AuthFixtures.rs256(rsa.priv()))));
    }

    @Test
    void rejectsAnAlgorithmThatDoesNotMatchTheKeyType() {
        // ES256 signature, but the kid names the RSA key: the EC algorithm never uses an RSA key
        String token = sign(header("ES256", rsa.kid()), claims(now), es256(ec.priv()));
        assertInvalidToken(check(auth(), token));
        // EdDSA claimed for the EC key
        assertInvalidToken(check(auth(), sign(header("EdDSA", ec.kid()), claims(now), ed25519(ed.priv()))));
    }

    @Test
    void rejectsHs256SignedWithTheRsaPublicKeyAsHmacSecret() {
        byte[] der = rsa.pair().getPublic().getEncoded();
        JwtAuthenticator a = auth(List.of("RS256", "HS256"));
        assertInvalidToken(check(a, sign(header("HS256", rsa.kid()), claims(now), hs256(der))));
        assertInvalidToken(check(a, sign(header("HS256", null), claims(now), hs256(der))));
    }

    @Test
    void rejectsHs256SignedWithTheRsaPublicKeyPemOrJwkAsHmacSecret() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(rsa.pair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        JwtAuthenticator a = auth(List.of("RS256", "HS256"));
        assertInvalidToken(check(a, sign(header("HS256", rsa.kid()), claims(now), hs256(pem.getBytes(StandardCharsets.US_ASCII)))));
        byte[] jwkJson = rsa.publicJwk().toJSONString().getBytes(StandardCharsets.UTF_8);
        assertInvalidToken(check(a, sign(header("HS256", rsa.kid()), claims(now), hs256(jwkJson))));
    }

    @Test
    void rejectsRs256WhenOnlyAnHmacSecretIsConfigured() {
        JwtAuthenticator a = hmacAuth(List.of("HS256", "RS256"));
        assertInvalidToken(check(a, rs256(claims(now))));
    }

    @Test
    void rejectsHs256SignedWithAnotherSecret() {
        byte[] other = "another-secret-another-secret-another-secret".getBytes(StandardCharsets.UTF_8);
        assertInvalidToken(check(hmacAuth(List.of("HS256")), sign(header("HS256", null), claims(now), hs256(other))));
    }

    @Test
    void rejectsHs384WhenOnlyHs256IsAllowed() {
        assertInvalidToken(check(hmacAuth(List.of("HS256")), sign(header("HS384", null), claims(now), hmac("HmacSHA384", SECRET))));
    }

    @Test
    void rejectsAnUnknownCriticalHeader() {
        Map<String, Object> h = header("RS256", rsa.kid());
        h.put("crit", List.of("exp"));
        h.put("exp", now.plusSeconds(60).getEpochSecond());
        assertInvalidToken(check(auth(), sign(h, claims(now), AuthFixtures.rs256(rsa.priv()))));
    }

    @Test
    void rejectsUnencodedPayloadOption() {
        Map<String, Object> h = header("RS256", rsa.kid());
        h.put("b64", false);
        h.put("crit", List.of("b64"));
        assertInvalidToken(check(auth(), sign(h, claims(now), AuthFixtures.rs256(rsa.priv()))));
    }

    @Test
    void rejectsATokenWhoseEmbeddedJwkCarriesTheAttackersKey() {
        Map<String, Object> h = header("RS256", null);
        h.put("jwk", attackerRsa.publicJwk().toJSONObject());
        assertInvalidToken(check(auth(), sign(h, claims(now), AuthFixtures.rs256(attackerRsa.priv()))));
        Map<String, Object> withKid = header("RS256", rsa.kid());
        withKid.put("jwk", attackerRsa.publicJwk().toJSONObject());
        assertInvalidToken(check(auth(), sign(withKid, claims(now), AuthFixtures.rs256(attackerRsa.priv()))));
        Map<String, Object> ecJwk = header("ES256", null);
        ecJwk.put("jwk", attackerEc.publicJwk().toJSONObject());
        assertInvalidToken(check(auth(), sign(ecJwk, claims(now), es256(attackerEc.priv()))));
    }

    @Test
    void neverFetchesKeysFromAJkuHeader() {
        int before = attacker.hits.get();
        Map<String, Object> h = header("RS256", attackerRsa.kid());
        h.put("jku", attacker.url("/jwks"));
        assertInvalidToken(check(auth(), sign(h, claims(now), AuthFixtures.rs256(attackerRsa.priv()))));
        Map<String, Object> noKid = header("RS256", null);
        noKid.put("jku", attacker.url("/jwks"));
        assertInvalidToken(check(auth(), sign(noKid, claims(now), AuthFixtures.rs256(attackerRsa.priv()))));
        assertEquals(before, attacker.hits.get(), "the jku URL was fetched");
    }

    @Test
    void neverFetchesKeysFromAnX5uHeader() {
        int before = attacker.hits.get();
        Map<String, Object> h = header("RS256", attackerRsa.kid());
        h.put("x5u", attacker.url("/cert.pem"));
        assertInvalidToken(check(auth(), sign(h, claims(now), AuthFixtures.rs256(attackerRsa.priv()))));
        assertEquals(before, attacker.hits.get(), "the x5u URL was fetched");
    }

    @Test
    void rejectsAnUnknownKid() {
        assertInvalidToken(check(auth(), sign(header("RS256", "no-such-key"), claims(now), AuthFixtures.rs256(attackerRsa.priv()))));
    }

    @Test
    void rejectsAKnownKidSignedByAnotherKey() {
        assertInvalidToken(check(auth(), sign(header("RS256", rsa.kid()), claims(now), AuthFixtures.rs256(attackerRsa.priv()))));
    }

    @Test
    void rejectsNoKidSignedByAKeyOutsideTheJwks() {
        assertInvalidToken(check(auth(), sign(header("RS256", null), claims(now), AuthFixtures.rs256(attackerRsa.priv()))));
        assertInvalidToken(check(auth(), sign(header("ES256", null), claims(now), es256(attackerEc.priv()))));
    }

    // =========================================================================================================
    // Rejections: signature
    // =========================================================================================================

    @Test
    void rejectsRs256WithOneSignatureByteFlipped() {
        JwtAuthenticator a = auth();
        String token = rs256(claims(now));
        assertOk(check(a, token));
        assertInvalidToken(check(a, flipSignatureByte(token)));
    }

    @Test
    void rejectsEs256WithOneSignatureByteFlipped() {
        String token = sign(header("ES256", ec.kid()), claims(now), es256(ec.priv()));
        assertInvalidToken(check(auth(), flipSignatureByte(token)));
    }

    @Test
    void rejectsEdDsaWithOneSignatureByteFlipped() {
        String token = sign(header("EdDSA", ed.kid()), claims(now), ed25519(ed.priv()));
        assertInvalidToken(check(auth(), flipSignatureByte(token)));
    }

    @Test
    void rejectsHs256WithOneSignatureByteFlipped() {
        String token = sign(header("HS256", null), claims(now), hs256(SECRET));
        assertInvalidToken(check(hmacAuth(List.of("HS256")), flipSignatureByte(token)));
    }

    @Test
    void rejectsAChangedPayloadUnderTheOriginalSignature() {
        String token = rs256(claims(now));
        Map<String, Object> c = claims(now);
        c.put("sub", "admin");
        String[] p = token.split("\\.");
        assertInvalidToken(check(auth(), p[0] + "." + b64(json(c)) + "." + p[2]));
    }

    @Test
    void rejectsEs256SignatureInDerInsteadOfJoseFormat() {
        String token = sign(header("ES256", ec.kid()), claims(now), jca("SHA256withECDSA", ec.priv()));
        assertInvalidToken(check(auth(), token));
    }

    // =========================================================================================================
    // Rejections: time claims
    // =========================================================================================================

    @Test
    void rejectsAMissingExp() {
        Map<String, Object> c = claims(now);
        c.remove("exp");
        assertInvalidToken(check(auth(), rs256(c)));
    }

    @Test
    void rejectsAnExpThatIsNotANumber() {
        Map<String, Object> c = claims(now);
        c.put("exp", "tomorrow");
        assertInvalidToken(check(auth(), rs256(c)));
    }

    @Test
    void rejectsExpInThePastBeyondClockSkew() {
        Map<String, Object> c = claims(now);
        c.put("iat", now.minusSeconds(3600).getEpochSecond());
        c.put("exp", now.minusSeconds(61).getEpochSecond());
        assertInvalidToken(check(auth(), rs256(c)));
        c.put("exp", now.minusSeconds(60).getEpochSecond()); // now == exp + skew: no longer valid
        assertInvalidToken(check(auth(), rs256(c)));
    }

    @Test
    void rejectsATokenThatExpiresWhileTheClockMoves() {
        JwtAuthenticator a = auth();
        String token = rs256(claims(now)); // exp = now + 600
        assertOk(check(a, token));
        clock.advance(Duration.ofSeconds(600 + 60));
        assertInvalidToken(check(a, token));
    }

    @Test
    void rejectsNbfInTheFutureBeyondClockSkew() {
        Map<String, Object> c = claims(now);
        c.put("nbf", now.plusSeconds(61).getEpochSecond());
        assertInvalidToken(check(auth(), rs256(c)));
    }

    @Test
    void rejectsIatInTheFutureBeyondClockSkew() {
        Map<String, Object> c = claims(now);
        c.put("iat", now.plusSeconds(61).getEpochSecond());
        assertInvalidToken(check(auth(), rs256(c)));
    }

    @Test
    void rejectsALifetimeLongerThanMaxLifetime() {
        Map<String, Object> c = claims(now);
        c.put("iat", now.minusSeconds(10).getEpochSecond());
        c.put("exp", now.plus(Duration.ofHours(24)).getEpochSecond()); // 24 h + 10 s
        assertInvalidToken(check(auth(), rs256(c)));
        c.put("iat", now.getEpochSecond()); // exactly 24 h
        assertOk(check(auth(), rs256(c)));
    }

    @Test
    void rejectsAMissingIatWhenMaxLifetimeIsSet() {
        Map<String, Object> c = claims(now);
        c.remove("iat");
        assertInvalidToken(check(auth(), rs256(c)));
    }

    // =========================================================================================================
    // Rejections: issuer, audience, consumer
    // =========================================================================================================

    @Test
    void rejectsAWrongIssuer() {
        for (String iss : List.of("https://evil.example/realms/warden", ISSUER + "/", ISSUER.toUpperCase())) {
            Map<String, Object> c = claims(now);
            c.put("iss", iss);
            assertInvalidToken(check(auth(), rs256(c)));
        }
    }

    @Test
    void rejectsAMissingIssuer() {
        Map<String, Object> c = claims(now);
        c.remove("iss");
        assertInvalidToken(check(auth(), rs256(c)));
    }

    @Test
    void rejectsAnAudienceStringThatIsNotAllowed() {
        Map<String, Object> c = claims(now);
        c.put("aud", "billing-api");
        assertInvalidToken(check(auth(), rs256(c)));
    }

    @Test
    void rejectsAnAudienceArrayWithoutAnAllowedAudience() {
        Map<String, Object> c = claims(now);
        c.put("aud", List.of("billing-api", "ORDERS-API"));
        assertInvalidToken(check(auth(), rs256(c)));
    }

    @Test
    void rejectsAMissingAudience() {
        Map<String, Object> c = claims(now);
        c.remove("aud");
        assertInvalidToken(check(auth(), rs256(c)));
    }

    @Test
    void rejectsAMissingOrNonStringConsumerClaim() {
        Map<String, Object> c = claims(now);
        c.remove("sub");
        assertInvalidToken(check(auth(), rs256(c)));
        c.put("sub", Map.of("id", "alice"));
        assertInvalidToken(check(auth(), rs256(c)));
        c.put("sub", "");
        assertInvalidToken(check(auth(), rs256(c)));
    }

    // =========================================================================================================
    // Rejections: malformed tokens
    // =========================================================================================================

    @Test
    void rejectsTwoParts() {
        String token = rs256(claims(now));
        assertInvalidToken(check(auth(), token.substring(0, token.lastIndexOf('.'))));
    }

    @Test
    void rejectsFourParts() {
        assertInvalidToken(check(auth(), rs256(claims(now)) + ".AAAA"));
    }

    @Test
    void rejectsBadBase64EvenWhenTheSignatureCoversIt() {
        Function<byte[], byte[]> s = AuthFixtures.rs256(rsa.priv());
        String h = b64(json(header("RS256", rsa.kid())));
        String p = b64(json(claims(now)));
        // characters outside the base64url alphabet, padding, an impossible length: signed as they are
        assertInvalidToken(check(auth(), signRaw(h + "*", p, s)));
        assertInvalidToken(check(auth(), signRaw(h, p.substring(0, p.length() - 2) + "+/", s)));
        assertInvalidToken(check(auth(), signRaw(h, p + "==", s)));
        String impossibleLength = p + "A".repeat(((1 - p.length() % 4) % 4 + 4) % 4); // length % 4 == 1
        assertEquals(1, impossibleLength.length() % 4);
        assertInvalidToken(check(auth(), signRaw(h, impossibleLength, s)));
    }

    @Test
    void rejectsANonJsonHeader() {
        Function<byte[], byte[]> s = AuthFixtures.rs256(rsa.priv());
        String p = b64(json(claims(now)));
        assertInvalidToken(check(auth(), signRaw(b64("RS256"), p, s)));
        assertInvalidToken(check(auth(), signRaw(b64("[\"RS256\"]"), p, s)));
        assertInvalidToken(check(auth(), signRaw(b64("{\"alg\":\"RS256\""), p, s)));
    }

    @Test
    void rejectsANonJsonPayload() {
        Function<byte[], byte[]> s = AuthFixtures.rs256(rsa.priv());
        String h = b64(json(header("RS256", rsa.kid())));
        assertInvalidToken(check(auth(), signRaw(h, b64("hello"), s)));
        assertInvalidToken(check(auth(), signRaw(h, b64("[1,2]"), s)));
    }

    @Test
    void rejectsAJwe() {
        String jwe = b64(json(Map.of("alg", "RSA-OAEP-256", "enc", "A256GCM", "kid", rsa.kid())))
                + "." + b64(new byte[256]) + "." + b64(new byte[12]) + "." + b64(json(claims(now))) + "." + b64(new byte[16]);
        assertInvalidToken(check(auth(), jwe));
    }

    @Test
    void rejectsEmptyParts() {
        assertInvalidToken(check(auth(), ".."));
        String token = rs256(claims(now));
        assertInvalidToken(check(auth(), "." + token.substring(token.indexOf('.'))));
    }

    // =========================================================================================================
    // Configuration
    // =========================================================================================================

    @Test
    void refusesAConfigurationThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> auth(List.of("none")));
        assertThrows(IllegalArgumentException.class, () -> auth(List.of("RS256", "ES256K")));
        assertThrows(IllegalArgumentException.class,
                () -> new JwtAuthenticator(jwtConfig(null, "too-short", List.of("HS256")), clock));
        assertThrows(IllegalArgumentException.class,
                () -> new JwtAuthenticator(jwtConfig(idp.url("/jwks"), new String(SECRET, StandardCharsets.UTF_8), List.of("HS256")), clock));
        assertThrows(IllegalArgumentException.class, () -> new JwtAuthenticator(jwtConfig("ftp://x/jwks", null, List.of("RS256")), clock));
        assertEquals("jwt", auth().method());
    }
}
