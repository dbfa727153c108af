package dev.warden.it;

import static dev.warden.it.Http.assertProblem;
import static dev.warden.it.Http.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A body declared JSON that Warden cannot read as JSON (truncated, invalid UTF-8, NaN, nested past the limit, an
 * encoding it cannot decode) never reaches the client: 502 problem+json "response withheld". What it can read
 * (duplicate keys, gzip and deflate the application applied itself, a 50 MB string) is masked as usual.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
abstract class AbstractFailClosedTest {
    private static final String SSN = "123-45-6789";
    private static final String PAN = "4111111111111111";

    private final SecretScan secrets = new SecretScan();
    private PolicyFiles.Policy policy;
    private AppProcess app;
    private HttpClient client;

    /** The test app to run (its name under test-apps/). */
    protected abstract String appName();

    @BeforeAll
    void start() {
        String name = appName();
        policy = PolicyFiles.render("failclosed.yaml", "failclosed-" + name + ".yaml");
        secrets.keys(policy);
        // the 50 MB string is held while it is read: room for it
        app = secrets.launch(AppProcess.builder(name).policy(policy.path()).heap("-Xmx512m").logName(name + "-failclosed"));
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    void stop() {
        secrets.closeAndCheck(app);
    }

    private HttpResponse<byte[]> echo(byte[] body, String encoding) throws Exception {
        return client.send(HttpRequest.newBuilder(new Http(app.port()).uri("/api/debug/echo?encoding=" + encoding))
                .header(Http.API_KEY_HEADER, policy.key("reader")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private void assertWithheld(HttpResponse<byte[]> r, String what) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(502, r.statusCode(), what + ": " + body + "\n" + app.tail());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), what);
        assertTrue(body.contains("response-withheld"), body);
        assertFalse(body.contains(SSN) || body.contains(PAN), body);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"truncated", "invalid UTF-8", "NaN", "10,000-deep", "trailing garbage", "br encoding", "corrupt gzip"})
    void unreadableBodiesAreWithheld(String kind) throws Exception {
        String record = "{\"ssn\":\"" + SSN + "\",\"card\":\"" + PAN + "\"";
        HttpResponse<byte[]> r = switch (kind) {
            case "truncated" -> echo(utf8(record + ",\"a\":"), "identity");
            case "invalid UTF-8" -> {
                byte[] bad = utf8(record + ",\"name\":\"Ad?\"}");
                bad[bad.length - 4] = (byte) 0xC1; // an overlong encoding: never valid UTF-8
                yield echo(bad, "identity");
            }
            case "NaN" -> echo(utf8(record + ",\"balance\":NaN}"), "identity");
            case "10,000-deep" -> echo(utf8("[".repeat(10_000) + record + "}" + "]".repeat(10_000)), "identity");
            case "trailing garbage" -> echo(utf8(record + "} <html>"), "identity");
            case "br encoding" -> echo(utf8(record + "}"), "br");
            default -> echo(utf8("\u001f\u008b not deflate data at all"), "raw-gzip");
        };
        assertWithheld(r, kind);
    }

    @Test
    void duplicateKeysAreEachMasked() throws Exception {
        HttpResponse<byte[]> r = echo(utf8("{\"ssn\":\"" + SSN + "\",\"x\":1,\"ssn\":\"987-65-4321\",\"card\":\"" + PAN + "\"}"), "identity");
        assertEquals(200, r.statusCode());
        assertEquals("{\"x\":1,\"card\":\"[REDACTED]\"}", new String(r.body(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "deflate"})
    void bodiesTheApplicationCompressedAreDecodedAndMasked(String encoding) throws Exception {
        HttpResponse<byte[]> r = echo(utf8("{\"id\":1,\"ssn\":\"" + SSN + "\",\"notes\":\"card " + PAN + "\"}"), encoding);
        assertEquals(200, r.statusCode(), app.tail());
        assertTrue(r.headers().firstValue("Content-Encoding").isEmpty(), "the masked body goes out decoded: " + r.headers().map());
        assertEquals("{\"id\":1,\"notes\":\"card [REDACTED]\"}", new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aFiftyMegabyteStringPassesWithTheRestMasked() throws Exception {
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(new Http(app.port()).uri("/api/debug/big?mb=50"))
                .header(Http.API_KEY_HEADER, policy.key("reader")).timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertStatus(200, r, app::tail);
        JsonNode body;
        com.fasterxml.jackson.databind.ObjectMapper big = new com.fasterxml.jackson.databind.ObjectMapper(
                com.fasterxml.jackson.core.JsonFactory.builder().streamReadConstraints(
                        com.fasterxml.jackson.core.StreamReadConstraints.builder().maxStringLength(100_000_000).build()).build());
        try (InputStream in = r.body()) {
            body = big.readTree(in);
        }
        assertFalse(body.has("ssn"));
        assertEquals(50 * 1024 * 1024, body.path("blob").asText().length());
        assertEquals("end", body.path("tail").asText());
    }

    @Test
    void validBodiesStillPass() throws Exception {
        HttpResponse<byte[]> r = echo(utf8("{\"ssn\":\"" + SSN + "\",\"ok\":true}"), "identity");
        assertEquals(200, r.statusCode());
        assertEquals("{\"ok\":true}", new String(r.body(), StandardCharsets.UTF_8));
        assertProblem(401, Http.class.cast(new Http(app.port())).get("/api/debug/big?mb=1", null), app::tail);
    }
}
