package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The authentication suites' own helpers, without agent or app: token minting (checked with Nimbus' verifiers and
 * the JDK), the fake IdP, the raw HTTP client, the challenge parser, the secret scan and the keytool PKI. A wrong
 * helper would make the end-to-end tests pass or fail for the wrong reason.
 */
class AuthHelpersTest {

    @Test
    void tokensVerifyWithTheirKeysAndNotOthers() throws Exception {
        Jwt.Key rsa = Jwt.rsa("r");
        Jwt.Key ec = Jwt.ec("e");
        Jwt.Key ed = Jwt.ed25519("d");
        String rs = Jwt.token("u").sign(rsa);
        String es = Jwt.token("u").sign(ec);
        String eds = Jwt.token("u").sign(ed);
        assertTrue(JWSObject.parse(rs).verify(new RSASSAVerifier((RSAPublicKey) rsa.publicKey())));
        assertTrue(JWSObject.parse(es).verify(new ECDSAVerifier((ECPublicKey) ec.publicKey())));
        assertFalse(JWSObject.parse(Jwt.flipSignatureBit(rs)).verify(new RSASSAVerifier((RSAPublicKey) rsa.publicKey())));
        assertFalse(JWSObject.parse(Jwt.token("u").sign(Jwt.rsa("other"))).verify(new RSASSAVerifier((RSAPublicKey) rsa.publicKey())));
        String ps = Jwt.token("u").sign(rsa, "PS256");
        assertEquals("PS256", JWSObject.parse(ps).getHeader().getAlgorithm().getName());
        assertTrue(JWSObject.parse(ps).verify(new RSASSAVerifier((RSAPublicKey) rsa.publicKey())));
        assertTrue(JWSObject.parse(Jwt.token("u").sign(rsa, "RS512")).verify(new RSASSAVerifier((RSAPublicKey) rsa.publicKey())));

        // EdDSA, by hand: header alg EdDSA, kid d, signature valid under the JDK's Ed25519.
        String[] p = eds.split("\\.");
        assertEquals("EdDSA", Jwt.part(eds, 0).path("alg").asText());
        assertEquals("d", Jwt.part(eds, 0).path("kid").asText());
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(ed.publicKey());
        v.update((p[0] + "." + p[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(v.verify(Base64.getUrlDecoder().decode(p[2])));
        assertEquals(64, Base64.getUrlDecoder().decode(p[2]).length);

        // Key confusion token: a valid HMAC under the public key's bytes.
        String hs = Jwt.token("u").signHs256(rsa.publicKey().getEncoded());
        assertTrue(JWSObject.parse(hs).verify(new MACVerifier(rsa.publicKey().getEncoded())));

        // Claims as built.
        JsonNode claims = Jwt.part(rs, 1);
        assertEquals(Jwt.ISSUER, claims.path("iss").asText());
        assertEquals(Jwt.AUDIENCE, claims.path("aud").asText());
        assertTrue(claims.path("exp").asLong() > claims.path("iat").asLong());
        assertEquals("none", Jwt.part(Jwt.token("u").header("alg", "none").unsigned(), 0).path("alg").asText());
        assertTrue(Jwt.token("u").header("alg", "none").unsigned().endsWith("."));
    }

    @Test
    void jwksCarriesThePublicKeysOnly() throws Exception {
        Jwt.Key rsa = Jwt.rsa("r");
        Jwt.Key ec = Jwt.ec("e");
        Jwt.Key ed = Jwt.ed25519("d");
        String json = Jwt.jwks(List.of(rsa, ec, ed));
        JWKSet set = JWKSet.parse(json);
        assertEquals(3, set.getKeys().size());
        assertEquals("OKP", set.getKeyByKeyId("d").getKeyType().getValue());
        assertEquals("Ed25519", Fixture.JSON.readTree(json).path("keys").get(2).path("crv").asText());
        for (String privatePart : new String[] {"\"d\":", "\"p\":", "\"q\":"}) {
            assertFalse(json.contains(privatePart), "private key material in the JWKS: " + privatePart);
        }
    }

    @Test
    void testIdpServesSwitchesAndCounts() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (TestIdp idp = new TestIdp("warden", "s3cret")) {
            Jwt.Key k = Jwt.ec("k");
            idp.jwks(List.of(k));
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(idp.jwksUrl())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("k", JWKSet.parse(r.body()).getKeys().get(0).getKeyID());
            idp.jwksMode(TestIdp.Mode.HTTP_503);
            assertEquals(503, client.send(HttpRequest.newBuilder(URI.create(idp.jwksUrl())).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            idp.jwksMode(TestIdp.Mode.CLOSE);
            assertThrows(IOException.class, () -> client.send(HttpRequest.newBuilder(URI.create(idp.jwksUrl())).build(),
                    HttpResponse.BodyHandlers.ofString()));
            idp.jwksMode(TestIdp.Mode.SLOW).slowDelay(Duration.ofMillis(1500));
            long start = System.nanoTime();
            assertThrows(IOException.class, () -> client.send(HttpRequest.newBuilder(URI.create(idp.jwksUrl()))
                    .timeout(Duration.ofMillis(300)).build(), HttpResponse.BodyHandlers.ofString()));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 1400);
            assertTrue(idp.jwksHits() >= 4, "" + idp.jwksHits());     // the JDK client retries a GET once on a closed connection

            idp.introspection("tok-1", TestIdp.active("alice", "a b", 60));
            HttpResponse<String> ok = introspect(client, idp, "tok-1", "warden:s3cret");
            assertEquals(200, ok.statusCode());
            assertTrue(Fixture.JSON.readTree(ok.body()).path("active").asBoolean());
            assertFalse(Fixture.JSON.readTree(introspect(client, idp, "tok-2", "warden:s3cret").body()).path("active").asBoolean());
            assertEquals(401, introspect(client, idp, "tok-1", "warden:wrong").statusCode());
            assertEquals(401, introspect(client, idp, "tok-1", null).statusCode());
            assertEquals(2, idp.badCredentialHits());
            assertEquals(3, idp.introspectionHits("tok-1"));
            idp.introspectionMode(TestIdp.Mode.HTTP_500);
            assertEquals(500, introspect(client, idp, "tok-1", "warden:s3cret").statusCode());
            assertEquals(0, idp.otherHits());
            client.send(HttpRequest.newBuilder(URI.create(idp.base() + "/cert.pem")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(1, idp.otherHits());
            assertEquals(List.of("GET /cert.pem"), idp.otherRequests());
        }
    }

    private static HttpResponse<String> introspect(HttpClient client, TestIdp idp, String token, String credentials) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(idp.introspectionUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token + "&token_type_hint=access_token"));
        if (credentials != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rawHttpSendsBytesAsIsAndParsesChunkedAndSizedBodies() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        StringBuilder seen = new StringBuilder();
        server.createContext("/", ex -> {
            seen.append(ex.getRequestURI().getRawPath()).append('|').append(ex.getRequestHeaders().get("Authorization"));
            byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
            boolean chunked = ex.getRequestURI().getRawPath().contains("chunked");
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"warden\"");
            ex.getResponseHeaders().add("WWW-Authenticate", "ApiKey realm=\"warden\", header=\"X-API-Key\"");
            ex.sendResponseHeaders(401, chunked ? 0 : body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            RawHttp.Response r = RawHttp.get(port, "/a/%2e%2e//b;x", "Authorization: Bearer one", "Authorization: Bearer two");
            assertEquals(401, r.statusCode());
            assertEquals("{\"a\":1}", r.body());
            assertEquals("/a/%2e%2e//b;x|[Bearer one, Bearer two]", seen.toString());
            assertEquals(2, Challenges.of(r).size());
            RawHttp.Response c = RawHttp.get(port, "/chunked");
            assertEquals("{\"a\":1}", c.body());
            assertTrue(Http.describe(c).contains("raw-request-line"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void challengeParsing() {
        List<Challenges.Challenge> cs = Challenges.parse(
                "Bearer realm=\"warden\", error=\"invalid_token\", ApiKey realm=\"warden\", header=\"X-API-Key\"");
        assertEquals(2, cs.size());
        assertEquals("Bearer", cs.get(0).scheme());
        assertEquals(Map.of("realm", "warden", "error", "invalid_token"), cs.get(0).params());
        assertEquals(Map.of("realm", "warden", "header", "X-API-Key"), cs.get(1).params());
        List<Challenges.Challenge> scope = Challenges.parse(
                "Bearer realm=\"warden\", error=\"insufficient_scope\", scope=\"customers:read\"");
        assertEquals("customers:read", scope.get(0).param("scope"));
        assertEquals(List.of("Bearer", "ApiKey"), Challenges.parse("Bearer, ApiKey realm=\"w\"").stream().map(Challenges.Challenge::scheme).toList());
        assertEquals("a\"b", Challenges.parse("X p=\"a\\\"b\"").get(0).param("p"));
        assertEquals("tok", Challenges.parse("X p=tok ,Y").get(0).param("p"));
        assertEquals(2, Challenges.parse("X p=tok ,Y").size());
    }

    @Test
    void revealingWords() {
        assertFalse(Challenges.revealing("A valid credential is required."));
        assertFalse(Challenges.revealing("The request was not authorized."));
        assertFalse(Challenges.revealing("Unauthorized"));
        assertTrue(Challenges.revealing("token expired"));
        assertTrue(Challenges.revealing("bad signature"));
        assertTrue(Challenges.revealing("unknown kid"));
        assertTrue(Challenges.revealing("wrong audience"));
        assertTrue(Challenges.revealing("missing scope customers:read"));
    }

    @Test
    void secretScanFindsWholeAndPartialTokens() {
        SecretScan s = new SecretScan();
        String token = s.token("JWT", Jwt.token("u").sign(Jwt.ec("k")));
        s.secret("key", "wk_abcdefghijklmnop");
        s.basic("client", "warden", "clientsecret123");
        String[] parts = token.split("\\.");
        assertTrue(s.findIn("x " + token + " y", "t").contains("JWT"));
        assertTrue(s.findIn("sig=" + parts[2], "t").contains("signature"));
        assertTrue(s.findIn(parts[0] + "." + parts[1] + ".[redacted]", "t").contains("claims part"));
        assertTrue(s.findIn("Authorization: Basic " + Base64.getEncoder().encodeToString("warden:clientsecret123".getBytes()), "t")
                .contains("Basic header"));
        assertTrue(s.findIn("key wk_abcdefghijklmnop", "t").contains("key"));
        assertEquals("", s.findIn("nothing to see: " + parts[0], "t"));
        SecretScan empty = new SecretScan();
        assertThrows(AssertionFailedError.class, empty::assertNoSecretsInLogs);
    }

    @Test
    void pathConfusionTableHasFortyOrMoreDistinctVariants() {
        assertTrue(PathConfusionTest.VARIANTS.size() >= 40, "" + PathConfusionTest.VARIANTS.size());
        assertEquals(PathConfusionTest.VARIANTS.size(),
                PathConfusionTest.VARIANTS.stream().map(v -> v.line(1)).distinct().count());
    }

    @Test
    void keytoolPkiIssuesVerifiableCertificates() throws Exception {
        TestPki pki = TestPki.create(Locations.workDir().resolve("pki-selftest"));
        Map<String, TestPki.Identity> ids = pki.issue(List.of(
                new TestPki.Request("leaf", "CN=svc-a,O=Warden Test", List.of("san=uri:spiffe://warden.test/x,dns:a.b.test", "eku=clientAuth")),
                new TestPki.Request("srv", "CN=localhost", List.of("san=ip:127.0.0.1", "eku=serverAuth"))));
        TestPki.Identity leaf = ids.get("leaf");
        assertEquals("CN=svc-a,O=Warden Test", leaf.subject());
        X509Certificate cert = leaf.leaf();
        cert.verify(pki.caCert().getPublicKey());
        assertEquals(Set.of("spiffe://warden.test/x", "a.b.test"), sans(cert));
        assertEquals(64, leaf.sha256().length());
        assertTrue(pki.caCert().getBasicConstraints() >= 0, "the CA certificate must be a CA");
        Path ks = pki.keyStore(leaf);
        assertTrue(Files.size(ks) > 0);
        assertTrue(Files.size(pki.trustStore()) > 0);
        assertEquals("CN=svc-a,O=Warden Test", pki.selfSigned("imp", "CN=svc-a,O=Warden Test").subject());
        pki.client(leaf);
        pki.client(null);
    }

    private static Set<String> sans(X509Certificate cert) throws CertificateParsingException {
        return cert.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).collect(java.util.stream.Collectors.toSet());
    }
}
