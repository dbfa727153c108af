package dev.warden.it;

import static dev.warden.it.Http.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * mTLS end to end (policy {@code policies/mtls.yaml}): the unmodified spring-mvc app serves HTTPS and asks for a client
 * certificate through Spring Boot's standard SERVER_SSL_* environment (client-auth want, trust store = the test CA);
 * Tomcat verifies the chain, Warden maps the leaf to a consumer by subject, SAN or fingerprint and forwards it in
 * X-Warden-Consumer. The CA and every certificate are made with keytool at test time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class MtlsTest {
    private static final String APP = "spring-mvc";
    private static final String DEBUG = "/api/debug/headers";
    private static final String CUSTOMER = "/api/customers/c-1001";

    private final SecretScan secrets = new SecretScan();
    private TestPki pki;
    private Map<String, TestPki.Identity> ids;
    private TestPki.Identity impostor;
    private TestIdp idp;
    private Jwt.Key jwtKey;
    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http noCert;
    private final Map<String, Http> clients = new HashMap<>();

    @BeforeAll
    void start() {
        pki = TestPki.create(Locations.workDir().resolve("pki-mtls"));
        secrets.secret("key store password", pki.password());
        List<TestPki.Request> requests = new ArrayList<>();
        requests.add(new TestPki.Request("server", "CN=localhost,O=Warden Test",
                List.of("san=ip:127.0.0.1,dns:localhost", "eku=serverAuth", "ku=digitalSignature")));
        client(requests, "svc-a", "CN=svc-a,O=Warden Test", null);
        client(requests, "svc-b", "CN=workload-b,O=Elsewhere", "uri:spiffe://warden.test/ns/prod/sa/svc-b");
        client(requests, "svc-c", "CN=svc-c-by-fingerprint,O=Elsewhere", null);
        client(requests, "svc-d", "CN=workload-d,O=Elsewhere", "dns:api.svc.warden.test");
        client(requests, "svc-w", "CN=worker-17,O=Warden Test", null);
        client(requests, "stranger", "CN=stranger,O=Warden Test", null);
        client(requests, "subject-suffix", "CN=svc-a,O=Warden Test,C=US", null);
        client(requests, "subject-prefix", "CN=x-svc-a,O=Warden Test", null);
        client(requests, "worker-elsewhere", "CN=worker-17,O=Warden Test Evil", null);
        client(requests, "san-suffix", "CN=workload-b2,O=Elsewhere", "uri:spiffe://warden.test/ns/prod/sa/svc-b-evil");
        client(requests, "san-in-cn", "CN=spiffe://warden.test/ns/prod/sa/svc-b,O=Elsewhere", null);
        ids = pki.issue(requests);
        impostor = pki.selfSigned("impostor", "CN=svc-a,O=Warden Test");

        jwtKey = Jwt.ec("mtls-ec-1");
        idp = new TestIdp().jwks(List.of(jwtKey));
        policy = PolicyFiles.render("mtls.yaml", "mtls-" + APP + ".yaml",
                Map.of("jwks", idp.jwksUrl(), "svcCSha256", ids.get("svc-c").sha256()));
        secrets.secret("admin API key", policy.key("admin"));

        String password = pki.password();
        app = AppProcess.builder(APP).policy(policy.path()).logName(APP + "-mtls")
                .env("SERVER_SSL_ENABLED", "true")
                .env("SERVER_SSL_KEY_STORE", "file:" + pki.keyStore(ids.get("server")))
                .env("SERVER_SSL_KEY_STORE_PASSWORD", password)
                .env("SERVER_SSL_KEY_STORE_TYPE", "PKCS12")
                .env("SERVER_SSL_CLIENT_AUTH", "want")
                .env("SERVER_SSL_TRUST_STORE", "file:" + pki.trustStore())
                .env("SERVER_SSL_TRUST_STORE_PASSWORD", password)
                .env("SERVER_SSL_TRUST_STORE_TYPE", "PKCS12")
                .start();
        secrets.app(app);
        noCert = new Http(app.port(), pki.client(null));
        app.awaitReady(AppProcess.READY_TIMEOUT, noCert);
    }

    private static void client(List<TestPki.Request> requests, String alias, String dname, String san) {
        List<String> ext = new ArrayList<>(List.of("eku=clientAuth", "ku=digitalSignature"));
        if (san != null) {
            ext.add("san=" + san);
        }
        requests.add(new TestPki.Request(alias, dname, ext));
    }

    @AfterAll
    void stop() {
        secrets.closeAndCheck(app, idp);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private Http as(String identity) {
        return clients.computeIfAbsent(identity, n -> new Http(app.port(), pki.client(ids.get(n))));
    }

    private long handled() {
        HttpResponse<String> r = noCert.get("/api/admin/stats", policy.key("admin"));
        assertStatus(200, r, () -> "reading the handled counter with the admin key over HTTPS\n" + app.tail());
        return Http.json(r).path("handled").asLong();
    }

    private String token(String sub) {
        return secrets.token("JWT", Jwt.token(sub).sign(jwtKey));
    }

    private static List<String> header(JsonNode headers, String name) {
        List<String> values = new ArrayList<>();
        headers.path(name).forEach(v -> values.add(v.asText()));
        return values;
    }

    // ---- mapped certificates ---------------------------------------------------------------------------------------

    static Stream<Arguments> mapped() {
        return Stream.of(
                Arguments.of("svc-a", "svc-a", "subject CN=svc-a,O=Warden Test"),
                Arguments.of("svc-b", "svc-b", "URI SAN spiffe://warden.test/ns/prod/sa/svc-b"),
                Arguments.of("svc-c", "svc-c", "SHA-256 fingerprint of the DER certificate"),
                Arguments.of("svc-d", "svc-d", "DNS SAN api.svc.warden.test against *.svc.warden.test"),
                Arguments.of("svc-w", "svc-w", "subject CN=worker-17,O=Warden Test against CN=worker-*,O=Warden Test"));
    }

    @ParameterizedTest(name = "{0} by {2}")
    @MethodSource("mapped")
    void mappedCertificateIsTheConsumer(String identity, String consumer, String how) {
        long before = handled();
        HttpResponse<String> r = as(identity).getWithHeaders(DEBUG, "X-Warden-Consumer", "spoofed-admin");
        Supplier<String> ctx = () -> identity + " (" + ids.get(identity).subject() + ") by " + how + "\n" + app.tail();
        assertStatus(200, r, ctx);
        JsonNode headers = Http.json(r);
        assertEquals(List.of(consumer), header(headers, "x-warden-consumer"),
                () -> "the app must see X-Warden-Consumer = the mapped consumer only\n" + Http.describe(r) + ctx.get());
        assertEquals(before + 1, handled(), ctx);
    }

    // ---- refused ---------------------------------------------------------------------------------------------------

    static Stream<Arguments> unmapped() {
        return Stream.of(
                Arguments.of("stranger", "from the trusted CA, but no identity names it"),
                Arguments.of("subject-suffix", "subject CN=svc-a,O=Warden Test,C=US: the subject must match whole"),
                Arguments.of("subject-prefix", "subject CN=x-svc-a,O=Warden Test: the subject must match whole"),
                Arguments.of("worker-elsewhere", "CN=worker-17,O=Warden Test Evil: the wildcard does not stretch to the end"),
                Arguments.of("san-suffix", "URI SAN .../svc-b-evil: the SAN must match whole"),
                Arguments.of("san-in-cn", "the svc-b SPIFFE id in the CN, not in a SAN"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("unmapped")
    void unmappedCertificateIs401(String identity, String why) {
        long before = handled();
        Supplier<String> ctx = () -> identity + " (" + ids.get(identity).subject() + "): " + why + "\n" + app.tail();
        Http.assertProblem(401, as(identity).get(DEBUG, null), ctx);
        Http.assertProblem(401, as(identity).getWithHeaders(CUSTOMER, "Authorization", "Bearer " + token("svc-a")), ctx);
        assertEquals(before, handled(), () -> "refused requests must not reach the app\n" + ctx.get());
    }

    @Test
    void noClientCertificateIs401() {
        long before = handled();
        Http.assertProblem(401, noCert.get(DEBUG, null), app::tail);
        Http.assertProblem(401, noCert.getWithHeaders(DEBUG, "X-Warden-Consumer", "svc-a"), app::tail);
        assertEquals(before, handled(), app::tail);
    }

    @Test
    void untrustedCertificateWithAMappedSubjectIsNeverAdmitted() {
        long before = handled();
        Http impostorHttp = new Http(app.port(), pki.client(impostor));
        try {
            HttpResponse<String> r = impostorHttp.get(DEBUG, null);
            // Tomcat may refuse the handshake (then the send throws); if it does not, Warden must not map the cert.
            assertNotEquals(200, r.statusCode(), () -> "a self-signed certificate with subject CN=svc-a,O=Warden Test was "
                    + "admitted\n" + Http.describe(r) + "\n" + app.tail());
            assertTrue(r.statusCode() == 401 || r.statusCode() == 400 || r.statusCode() == 403,
                    () -> "expected a refusal\n" + Http.describe(r));
        } catch (UncheckedIOException expected) {
            // handshake refused: fine
        }
        assertEquals(before, handled(), app::tail);
    }

    // ---- { all: [mtls, jwt] } --------------------------------------------------------------------------------------

    @Test
    void allOfMtlsAndJwt() {
        long before = handled();
        HttpResponse<String> both = as("svc-a").getWithHeaders(CUSTOMER, "Authorization", "Bearer " + token("svc-a"));
        assertStatus(200, both, app::tail);
        Fixture.assertSameJson(Fixture.protect(Fixture.customer("c-1001")), Http.json(both), app::tail);
        assertEquals(before + 1, handled(), app::tail);

        Http.assertProblem(401, as("svc-a").get(CUSTOMER, null), () -> "certificate only\n" + app.tail());
        Http.assertProblem(401, noCert.getWithHeaders(CUSTOMER, "Authorization", "Bearer " + token("svc-a")),
                () -> "token only\n" + app.tail());
        Challenges.assertBearer401(as("svc-a").getWithHeaders(CUSTOMER, "Authorization",
                "Bearer " + Jwt.flipSignatureBit(token("svc-a"))), java.util.Set.of("invalid_token"),
                () -> "certificate + bad token\n" + app.tail());
        Http.assertProblem(401, as("stranger").getWithHeaders(CUSTOMER, "Authorization", "Bearer " + token("svc-a")),
                () -> "unmapped certificate + token\n" + app.tail());
        assertEquals(before + 1, handled(), () -> "only the request with both credentials reaches the app\n" + app.tail());
    }
}
