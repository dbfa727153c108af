package dev.warden.it;

import static dev.warden.it.Challenges.NO_ERROR;
import static dev.warden.it.Http.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JWT bearer authentication end to end (policy {@code policies/jwt.yaml}): one app JVM, a fake IdP serving the JWKS
 * (RSA, EC P-256 and Ed25519 keys made at test time), and an attacker's server that must never be contacted.
 * Key rotation with a short cache TTL is in {@link JwtKeyRotationTest}, a cold start with the IdP down in
 * {@link JwtColdStartTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class JwtAuthTest {
    private static final String APP = "spring-mvc";
    private static final String CUSTOMER = "/api/customers/c-1001";

    private static final Set<String> INVALID_TOKEN = Set.of("invalid_token");
    private static final Set<String> INVALID_TOKEN_OR_REQUEST = Set.of("invalid_token", "invalid_request");
    /** Where the contract does not settle whether a token was "presented" (a JWT sent with the Basic scheme). */
    private static final Set<String> ANY_BEARER_ERROR_OR_NONE = Set.of("invalid_token", "invalid_request", NO_ERROR);

    private final SecretScan secrets = new SecretScan();
    private TestIdp idp;
    private TestIdp attacker;
    private Jwt.Key rsa;
    private Jwt.Key ec;
    private Jwt.Key ed;
    private Jwt.Key attackerRsa;
    private Jwt.Key attackerEc;
    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;
    private String referenceDetail;

    @BeforeAll
    void start() {
        rsa = Jwt.rsa("rsa-1");
        ec = Jwt.ec("ec-1");
        ed = Jwt.ed25519("ed-1");
        attackerRsa = Jwt.rsa("attacker-rsa");
        attackerEc = Jwt.ec("attacker-ec");
        idp = new TestIdp().jwks(List.of(rsa, ec, ed));
        attacker = new TestIdp().jwks(List.of(attackerRsa, attackerEc));
        policy = PolicyFiles.render("jwt.yaml", "jwt-" + APP + ".yaml", Map.of("jwks", idp.jwksUrl()));
        secrets.secret("admin API key", policy.key("admin"));
        secrets.secret("reader API key", policy.key("reader"));
        app = AppProcess.builder(APP).policy(policy.path()).logName(APP + "-jwt").start();
        secrets.app(app);
        app.awaitReady();
        http = new Http(app.port());
    }

    @AfterEach
    void idpBackToNormal() {
        if (idp != null) {
            idp.jwksMode(TestIdp.Mode.UP).jwks(List.of(rsa, ec, ed));
        }
    }

    @AfterAll
    void stop() {
        secrets.closeAndCheck(app, idp, attacker);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** A valid token's claims: reader of customer c-1001 in tenant t-1, scope customers:read. */
    private Jwt.Builder base() {
        return Jwt.token("user-1")
                .claim("cid", "c-1001")
                .claim("tid", "t-1")
                .claim("realm_access", Map.of("roles", List.of("reader")))
                .claim("scope", "profile customers:read");
    }

    private String signed(Jwt.Builder b, Jwt.Key key) {
        return secrets.token("JWT", b.sign(key));
    }

    private HttpResponse<String> bearer(String path, String token) {
        return http.getWithHeaders(path, "Authorization", "Bearer " + secrets.token("JWT", token));
    }

    private long handled() {
        HttpResponse<String> r = http.get("/api/admin/stats", policy.key("admin"));
        assertStatus(200, r, () -> "reading the handled counter with the admin key\n" + app.tail());
        return Http.json(r).path("handled").asLong();
    }

    private Supplier<String> ctx() {
        return app::tail;
    }

    private void assertCustomer(String id, HttpResponse<String> r, Supplier<String> ctx) {
        assertStatus(200, r, ctx);
        Fixture.assertSameJson(Fixture.protect(Fixture.customer(id)), Http.json(r), () -> Http.describe(r) + "\n" + ctx.get());
    }

    /** The detail of a 401 for a plainly bad token (flipped signature bit): every rejected token must get the same. */
    private String referenceDetail() {
        if (referenceDetail == null) {
            HttpResponse<String> r = bearer(CUSTOMER, Jwt.flipSignatureBit(signed(base(), rsa)));
            referenceDetail = Challenges.assertBearer401(r, INVALID_TOKEN, ctx()).path("detail").asText();
        }
        return referenceDetail;
    }

    // ---- valid tokens ----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RS256", "ES256", "EdDSA"})
    void validTokenOfEachAlgorithmIsAdmittedAndMasked(String alg) {
        Jwt.Key key = switch (alg) {
            case "RS256" -> rsa;
            case "ES256" -> ec;
            default -> ed;
        };
        long before = handled();
        HttpResponse<String> r = bearer(CUSTOMER, signed(base(), key));
        assertCustomer("c-1001", r, () -> alg + "\n" + app.tail());
        Fixture.assertNoProperty(Http.json(r), "ssn", ctx());
        assertEquals(before + 1, handled(), () -> "one admitted request counts once\n" + app.tail());
    }

    /** Leeway and forms the contract allows: all admitted. */
    static Stream<String> acceptedVariants() {
        return Stream.of("exp 20 s ago (within the 60 s skew)", "nbf 20 s ahead (within the skew)",
                "iat 10 s ahead (within the skew)", "lifetime 23 h (under the 24 h default maxLifetime)",
                "aud is an array that contains orders-api", "scheme written 'bearer' (auth schemes are case-insensitive)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedVariants")
    void acceptedVariant(String variant) {
        Jwt.Builder b = base();
        String scheme = "Bearer";
        switch (variant.substring(0, 6)) {
            case "exp 20" -> b.time("iat", -300).time("exp", -20);
            case "nbf 20" -> b.time("nbf", 20);
            case "iat 10" -> b.time("iat", 10);
            case "lifeti" -> b.time("iat", -10).time("exp", 23 * 3600);
            case "aud is" -> b.claim("aud", List.of("payments-api", "orders-api"));
            case "scheme" -> scheme = "bearer";
            default -> throw new IllegalArgumentException(variant);
        }
        String token = signed(b, rsa);
        HttpResponse<String> r = http.getWithHeaders(CUSTOMER, "Authorization", scheme + " " + token);
        assertCustomer("c-1001", r, () -> variant + "\n" + app.tail());
    }

    // ---- no credentials --------------------------------------------------------------------------------------------

    @Test
    void noCredentialsIs401WithBothChallengesAndNoErrorParameter() {
        long before = handled();
        HttpResponse<String> r = http.get(CUSTOMER, null);
        Challenges.assertBearer401(r, Set.of(NO_ERROR), ctx());
        Challenges.assertApiKeyChallenge(r, ctx());

        // A jwt-only route challenges for Bearer only.
        HttpResponse<String> list = http.get("/api/customers", null);
        Challenges.assertBearer401(list, Set.of(NO_ERROR), ctx());
        assertTrue(Challenges.find(list, "ApiKey").isEmpty(),
                () -> "a route with authenticate: [jwt] must not offer ApiKey\n" + Http.describe(list));
        // ... and an API key is no use there.
        HttpResponse<String> withKey = http.get("/api/customers", policy.key("admin"));
        Http.assertProblem(401, withKey, ctx());
        assertEquals(before, handled(), () -> "denied requests must not reach the app\n" + app.tail());
    }

    // ---- attacks and malformed tokens ------------------------------------------------------------------------------

    /** One hostile request: its Authorization header line(s), and the Bearer error values that may answer it. */
    record Attack(String name, List<String> headerLines, Set<String> errors) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Attack bearerAttack(String name, String token) {
        return new Attack(name, List.of("Authorization: Bearer " + token), INVALID_TOKEN);
    }

    Stream<Attack> attacks() {
        long now = Instant.now().getEpochSecond();
        String goodRs = signed(base(), rsa);
        String goodEs = signed(base(), ec);
        String goodEd = signed(base(), ed);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(rsa.publicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        ObjectNode noneHeader = Fixture.JSON.createObjectNode().put("alg", "none").put("typ", "JWT").put("kid", rsa.kid());
        ObjectNode escalated = Jwt.part(goodRs, 1).put("cid", "c-1002");
        escalated.putObject("realm_access").putArray("roles").add("admin");
        String jwe = Jwt.b64("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"" + rsa.kid() + "\"}") + "."
                + Jwt.b64(Jwt.randomBytes(256)) + "." + Jwt.b64(Jwt.randomBytes(12)) + "." + Jwt.b64(Jwt.randomBytes(200))
                + "." + Jwt.b64(Jwt.randomBytes(16));
        String[] rsParts = goodRs.split("\\.");

        List<Attack> list = new ArrayList<>();
        // Algorithm attacks
        list.add(bearerAttack("alg none, unsigned", base().header("alg", "none").header("kid", rsa.kid()).unsigned()));
        list.add(bearerAttack("alg None (capitalised), unsigned", base().header("alg", "None").unsigned()));
        list.add(bearerAttack("alg none, signature of a valid token kept", Jwt.replaceHeader(goodRs, noneHeader)));
        list.add(bearerAttack("HS256 keyed with the RSA public key (DER): key confusion",
                base().header("kid", rsa.kid()).signHs256(rsa.publicKey().getEncoded())));
        list.add(bearerAttack("HS256 keyed with the RSA public key (PEM): key confusion",
                base().header("kid", rsa.kid()).signHs256(pem.getBytes(StandardCharsets.US_ASCII))));
        list.add(bearerAttack("HS256 keyed with the RSA key's JWK JSON: key confusion",
                base().header("kid", rsa.kid()).signHs256(rsa.publicJwk().toJSONString().getBytes(StandardCharsets.UTF_8))));
        list.add(bearerAttack("RS512 with the real RSA key (not in the allowlist)", base().sign(rsa, "RS512")));
        list.add(bearerAttack("PS256 with the real RSA key (not in the allowlist)", base().sign(rsa, "PS256")));
        list.add(bearerAttack("ES256 signature under the RSA key's kid", base().header("kid", rsa.kid()).sign(ec, "ES256")));
        list.add(bearerAttack("RS256 signature under the EC key's kid", base().header("kid", ec.kid()).sign(rsa, "RS256")));
        list.add(bearerAttack("unknown crit header",
                base().header("crit", List.of("x-warden-test")).header("x-warden-test", true).sign(rsa)));
        // Key sources the token itself names: never to be used or fetched
        list.add(bearerAttack("jku at the attacker's JWKS, attacker kid",
                base().header("jku", attacker.jwksUrl()).header("kid", attackerRsa.kid()).sign(attackerRsa)));
        list.add(bearerAttack("jku at the attacker's JWKS, real kid",
                base().header("jku", attacker.jwksUrl()).header("kid", rsa.kid()).sign(attackerRsa)));
        list.add(bearerAttack("x5u at the attacker's server",
                base().header("x5u", attacker.base() + "/cert.pem").header("kid", attackerRsa.kid()).sign(attackerRsa)));
        list.add(bearerAttack("embedded jwk with the attacker's key, attacker kid",
                base().header("jwk", Jwt.jwkJson(attackerRsa)).sign(attackerRsa)));
        list.add(bearerAttack("embedded jwk with the attacker's key, real kid",
                base().header("jwk", Jwt.jwkJson(attackerRsa)).header("kid", rsa.kid()).sign(attackerRsa)));
        list.add(bearerAttack("unknown kid (attacker's key)", base().sign(attackerRsa)));
        list.add(bearerAttack("real RSA kid, attacker's RSA key", base().header("kid", rsa.kid()).sign(attackerRsa)));
        list.add(bearerAttack("real EC kid, attacker's EC key", base().header("kid", ec.kid()).sign(attackerEc)));
        // Claims
        list.add(bearerAttack("missing exp", base().noClaim("exp").sign(rsa)));
        list.add(bearerAttack("exp is a string", base().claim("exp", Long.toString(now + 600)).sign(rsa)));
        list.add(bearerAttack("expired beyond the 60 s skew", base().time("iat", -600).time("exp", -120).sign(rsa)));
        list.add(bearerAttack("nbf beyond the skew", base().time("nbf", 300).sign(rsa)));
        list.add(bearerAttack("iat beyond the skew", base().time("iat", 300).time("exp", 900).sign(rsa)));
        list.add(bearerAttack("lifetime 25 h, over the 24 h maxLifetime", base().time("iat", -10).time("exp", 25 * 3600).sign(rsa)));
        list.add(bearerAttack("iss without the trailing slash", base().claim("iss", "https://idp.example.test").sign(rsa)));
        list.add(bearerAttack("iss of another IdP", base().claim("iss", "https://evil.example.test/").sign(rsa)));
        list.add(bearerAttack("missing iss", base().noClaim("iss").sign(rsa)));
        list.add(bearerAttack("wrong aud", base().claim("aud", "payments-api").sign(rsa)));
        list.add(bearerAttack("aud array without orders-api", base().claim("aud", List.of("payments-api", "orders-api-x")).sign(rsa)));
        list.add(bearerAttack("missing aud", base().noClaim("aud").sign(rsa)));
        list.add(bearerAttack("missing sub (the consumer claim)", base().noClaim("sub").sign(rsa)));
        // Signatures and structure
        list.add(bearerAttack("RS256 signature with one bit flipped", Jwt.flipSignatureBit(goodRs)));
        list.add(bearerAttack("ES256 signature with one bit flipped", Jwt.flipSignatureBit(goodEs)));
        list.add(bearerAttack("EdDSA signature with one bit flipped", Jwt.flipSignatureBit(goodEd)));
        list.add(bearerAttack("claims changed after signing (cid, roles)", Jwt.replaceClaims(goodRs, escalated)));
        list.add(bearerAttack("empty signature", rsParts[0] + "." + rsParts[1] + "."));
        list.add(bearerAttack("2 parts", rsParts[0] + "." + rsParts[1]));
        list.add(bearerAttack("4 parts", goodRs + "." + rsParts[2]));
        list.add(bearerAttack("garbage base64", "!!!.@@@.###"));
        list.add(bearerAttack("header is not JSON", Jwt.b64("not json") + "." + rsParts[1] + "." + rsParts[2]));
        list.add(bearerAttack("JWE-looking 5 parts", jwe));
        // How the token is sent
        list.add(new Attack("two Authorization headers, both valid tokens",
                List.of("Authorization: Bearer " + goodRs, "Authorization: Bearer " + goodEs), INVALID_TOKEN_OR_REQUEST));
        list.add(new Attack("two Authorization headers, valid then garbage",
                List.of("Authorization: Bearer " + goodRs, "Authorization: Bearer x.y.z"), INVALID_TOKEN_OR_REQUEST));
        list.add(new Attack("Authorization: Bearer with an empty token", List.of("Authorization: Bearer "), INVALID_TOKEN_OR_REQUEST));
        list.add(new Attack("Authorization: Bearer without a token", List.of("Authorization: Bearer"), INVALID_TOKEN_OR_REQUEST));
        list.add(new Attack("valid token in Authorization: Basic", List.of("Authorization: Basic " + goodRs), ANY_BEARER_ERROR_OR_NONE));
        list.add(new Attack("Authorization: Bearer Bearer <valid token>", List.of("Authorization: Bearer Bearer " + goodRs),
                INVALID_TOKEN_OR_REQUEST));
        for (Attack a : list) {
            for (String line : a.headerLines()) {
                secrets.token("JWT (" + a.name() + ")", line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    @Order(1)
    void attackIs401AndNeverReachesTheApp(Attack attack) {
        String detail = referenceDetail();
        long before = handled();
        int attackerBefore = attacker.totalHits();
        RawHttp.Response r = RawHttp.get(app.port(), CUSTOMER, attack.headerLines().toArray(String[]::new));
        Supplier<String> ctx = () -> attack.name() + "\n" + app.tail();
        System.out.printf("jwt-attack %d %s  -- %s%n", r.statusCode(), r.headers().allValues("WWW-Authenticate"), attack.name());
        JsonNode problem = Challenges.assertBearer401(r, attack.errors(), ctx);
        Challenges.assertApiKeyChallenge(r, ctx);
        if (attack.errors().equals(INVALID_TOKEN)) {
            assertEquals(detail, problem.path("detail").asText(),
                    () -> "every rejected token gets the same problem detail (it must not tell which check failed)\n" + Http.describe(r));
        }
        assertEquals(before, handled(), () -> "a rejected token must not reach the app: " + attack.name() + "\n" + app.tail());
        assertEquals(attackerBefore, attacker.totalHits(),
                () -> "Warden contacted the attacker's server (" + attacker.otherRequests() + "): " + attack.name());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theAttackersServerWasNeverContacted() {
        AppProcess.sleep(500);      // room for a background fetch
        assertEquals(0, attacker.totalHits(), () -> "requests to the attacker's server: jwks " + attacker.jwksHits()
                + ", other " + attacker.otherRequests());
    }

    // ---- scopes, roles, object-level authorization -----------------------------------------------------------------

    @Test
    void requireScopes() {
        long before = handled();
        HttpResponse<String> spaceSeparated = bearer("/api/customers", signed(base().claim("scope", "profile customers:read"), rsa));
        assertStatus(200, spaceSeparated, ctx());
        assertEquals(3, Http.json(spaceSeparated).size(), () -> Http.describe(spaceSeparated));
        Fixture.assertSameJson(Fixture.protect(Fixture.customers()), Http.json(spaceSeparated), ctx());
        HttpResponse<String> scpArray = bearer("/api/customers",
                signed(base().noClaim("scope").claim("scp", List.of("profile", "customers:read")), rsa));
        assertStatus(200, scpArray, ctx());
        assertEquals(before + 2, handled(), ctx());

        Map<String, Jwt.Builder> insufficient = Map.of(
                "scope without customers:read", base().claim("scope", "profile"),
                "no scope claim at all", base().noClaim("scope"),
                "customers:read:all is not customers:read", base().claim("scope", "customers:read:all"),
                "customers:write", base().claim("scope", "customers:write"),
                "scope list with a comma", base().claim("scope", "profile,customers:read"),
                "scp array without customers:read", base().noClaim("scope").claim("scp", List.of("profile")));
        for (Map.Entry<String, Jwt.Builder> e : insufficient.entrySet()) {
            HttpResponse<String> r = bearer("/api/customers", signed(e.getValue(), rsa));
            Challenges.assertInsufficientScope(r, "customers:read", () -> e.getKey() + "\n" + app.tail());
        }
        assertEquals(before + 2, handled(), () -> "403s must not reach the app\n" + app.tail());
    }

    @Test
    void requireRoles() {
        long before = handled();
        HttpResponse<String> auditor = bearer(CUSTOMER + "/raw",
                signed(base().claim("realm_access", Map.of("roles", List.of("reader", "auditor"))), rsa));
        assertCustomer("c-1001", auditor, ctx());
        HttpResponse<String> reader = bearer(CUSTOMER + "/raw", signed(base(), rsa));
        Challenges.assertForbidden(reader, ctx());
        HttpResponse<String> noRoles = bearer(CUSTOMER + "/raw", signed(base().noClaim("realm_access"), rsa));
        Challenges.assertForbidden(noRoles, ctx());
        HttpResponse<String> roleAsString = bearer(CUSTOMER + "/raw",
                signed(base().claim("realm_access", Map.of("roles", "reader auditor-not")), rsa));
        Challenges.assertForbidden(roleAsString, ctx());
        assertEquals(before + 1, handled(), () -> "403s must not reach the app\n" + app.tail());
    }

    @Test
    void objectLevelAuthorizationByTokenClaim() {
        long before = handled();
        String ownerOf1001 = signed(base(), rsa);                                   // cid c-1001, roles [reader]
        assertCustomer("c-1001", bearer(CUSTOMER, ownerOf1001), ctx());
        HttpResponse<String> other = bearer("/api/customers/c-1002", ownerOf1001);
        Challenges.assertForbidden(other, ctx());

        String admin = signed(base().noClaim("cid").claim("realm_access", Map.of("roles", List.of("admin"))), rsa);
        assertCustomer("c-1001", bearer(CUSTOMER, admin), ctx());
        assertCustomer("c-1002", bearer("/api/customers/c-1002", admin), ctx());

        // The forbidden request was not counted: 3 admitted.
        assertEquals(before + 3, handled(), () -> "the 403 must not reach the app\n" + app.tail());

        // Same rule for API-key consumers, which have no customerId.
        Challenges.assertForbidden(http.get(CUSTOMER, policy.key("reader")), ctx());
        assertCustomer("c-1002", http.get("/api/customers/c-1002", policy.key("admin")), ctx());
    }

    @Test
    void declaredConsumerAttributesAreMergedIntoTheTokensConsumer() {
        // jwt-declared has roles [admin] in the policy; its token says nothing about roles or customers.
        String declared = signed(Jwt.token("jwt-declared").claim("scope", "customers:read"), rsa);
        assertCustomer("c-1002", bearer("/api/customers/c-1002", declared), ctx());
        String undeclared = signed(Jwt.token("jwt-undeclared").claim("scope", "customers:read"), rsa);
        Challenges.assertForbidden(bearer("/api/customers/c-1002", undeclared), ctx());
    }

    // ---- JWKS availability -----------------------------------------------------------------------------------------

    @Test
    void cachedKeysKeepWorkingWhileTheJwksEndpointIsDown() {
        assertCustomer("c-1001", bearer(CUSTOMER, signed(base(), rsa)), ctx());
        for (TestIdp.Mode mode : List.of(TestIdp.Mode.HTTP_503, TestIdp.Mode.CLOSE)) {
            idp.jwksMode(mode);
            for (Jwt.Key key : List.of(rsa, ec, ed)) {
                assertCustomer("c-1001", bearer(CUSTOMER, signed(base(), key)),
                        () -> "JWKS endpoint " + mode + ", token signed by cached key " + key + "\n" + app.tail());
            }
            // A bad token is still a 401 (not a 503, not a 200) while the IdP is down.
            Challenges.assertBearer401(bearer(CUSTOMER, Jwt.flipSignatureBit(signed(base(), rsa))), INVALID_TOKEN, ctx());
        }
    }

    @Test
    void unknownKidRefetchesAreRateLimited() {
        assertCustomer("c-1001", bearer(CUSTOMER, signed(base(), rsa)), ctx());   // keys loaded
        int before = idp.jwksHits();
        for (int i = 0; i < 8; i++) {
            String token = signed(base().header("kid", "unknown-" + i + "-" + System.nanoTime()), attackerRsa);
            Challenges.assertBearer401(bearer(CUSTOMER, token), INVALID_TOKEN, ctx());
        }
        int fetches = idp.jwksHits() - before;
        assertTrue(fetches <= 1, () -> "8 tokens with unknown kids caused " + fetches + " JWKS fetches; "
                + "jwksRefetchMinInterval (default 30 s) allows at most 1\n" + app.tail());
    }
}
