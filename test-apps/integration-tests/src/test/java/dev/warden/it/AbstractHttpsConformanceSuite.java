package dev.warden.it;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole conformance suite again, with the app serving HTTPS and requiring a client certificate at the TLS layer
 * (Spring Boot's standard SERVER_SSL_* environment, which every test app that serves HTTPS reads); keys and
 * certificates are made at test time by {@link TestPki}. Proves a server's hook behaves the same on TLS.
 */
abstract class AbstractHttpsConformanceSuite extends AbstractConformanceSuite {

    private TestPki pki;
    private TestPki.Identity client;

    @Override
    protected Map<String, String> extraEnv() {
        pki = TestPki.create(Locations.workDir().resolve("pki-https-suite"));
        Map<String, TestPki.Identity> ids = pki.issue(List.of(
                new TestPki.Request("server", "CN=localhost,O=Warden Test", List.of("san=ip:127.0.0.1,dns:localhost", "eku=serverAuth", "ku=digitalSignature")),
                new TestPki.Request("client", "CN=suite-client,O=Warden Test", List.of("eku=clientAuth", "ku=digitalSignature"))));
        client = ids.get("client");
        String password = pki.password();
        return Map.of(
                "SERVER_SSL_ENABLED", "true",
                "SERVER_SSL_KEY_STORE", "file:" + pki.keyStore(ids.get("server")),
                "SERVER_SSL_KEY_STORE_PASSWORD", password,
                "SERVER_SSL_KEY_STORE_TYPE", "PKCS12",
                "SERVER_SSL_CLIENT_AUTH", "need",
                "SERVER_SSL_TRUST_STORE", "file:" + pki.trustStore(),
                "SERVER_SSL_TRUST_STORE_PASSWORD", password,
                "SERVER_SSL_TRUST_STORE_TYPE", "PKCS12");
    }

    @Override
    protected Http connect(int port) {
        return new Http(port, pki.client(client));
    }

    @Test
    void theConnectionReallyIsHttpsWithAClientCertificate() {
        HttpResponse<String> r = http.get("/health", null);
        assertEquals(200, r.statusCode());
        assertEquals("https", r.uri().getScheme());
        // Without a client certificate the TLS handshake itself is refused (client auth "need").
        Http anonymous = new Http(app.port(), pki.client(null));
        assertEquals(true, anonymous.tryGet("/health", java.time.Duration.ofSeconds(5)).isEmpty(),
                "a client without a certificate must not get an HTTP answer");
    }
}
