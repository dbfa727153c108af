package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What only a Netty server makes hard, against a Netty-based app: HTTP/1.1 pipelining with a denial between allowed
 * requests (answers in request order, the connection still usable), HTTP/1.0 (no chunking: a masked body is sent
 * whole with its length), and HTTP/2, which Warden cannot see inside Netty: an h2c upgrade offer is not passed on (the
 * exchange stays HTTP/1.1, masked) and an HTTP/2 connection never gets an unguarded answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
abstract class AbstractNettyProtocolTest {
    private static final String SSN = Fixture.customer("c-1001").path("ssn").asText();

    private PolicyFiles.Policy policy;
    private AppProcess app;

    protected abstract String appName();

    /** Whether the server speaks HTTP/2 without Warden (Vert.x accepts h2c by default; Reactor Netty does not). */
    protected abstract boolean speaksH2c();

    @BeforeAll
    void start() {
        policy = PolicyFiles.render("main.yaml", "netty-protocol-" + appName() + ".yaml", java.util.Map.of("mode", "enforce"));
        app = AppProcess.builder(appName()).policy(policy.path()).logName(appName() + "-netty-protocol").start().awaitReady();
    }

    @AfterAll
    void stop() {
        if (app != null) app.close();
    }

    private String request(String method, String target, String version, String key, boolean close) {
        return method + " " + target + " " + version + "\r\nHost: 127.0.0.1:" + app.port() + "\r\n"
                + (key == null ? "" : Http.API_KEY_HEADER + ": " + key + "\r\n")
                + (close ? "Connection: close\r\n" : version.equals("HTTP/1.0") ? "Connection: keep-alive\r\n" : "") + "\r\n";
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderWithTheDenialInItsPlace() throws Exception {
        String key = policy.key("reader");
        String all = request("GET", "/api/customers/export?count=5000", "HTTP/1.1", key, false) // takes a while
                + request("GET", "/api/customers/c-1001", "HTTP/1.1", null, false) // no key: 401 from Warden
                + request("GET", "/api/customers/c-1001", "HTTP/1.1", key, false)
                + request("GET", "/api/nowhere", "HTTP/1.1", key, false) // no route: 404 from Warden
                + request("GET", "/health", "HTTP/1.1", null, false); // (Reactor Netty drops pipelined requests after a "close")
        List<RawHttp.Response> answers = new ArrayList<>();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write(all.getBytes(StandardCharsets.ISO_8859_1)); // all at once: pipelined
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 5; i++) answers.add(RawHttp.parse(app.port(), "pipelined #" + (i + 1), in));
        }
        List<Integer> statuses = answers.stream().map(RawHttp.Response::statusCode).toList();
        assertEquals(List.of(200, 401, 200, 404, 200), statuses, () -> statuses + "\n" + app.tail());
        assertEquals(5000, Http.json(answers.get(0)).size(), "the export, whole");
        assertFalse(answers.get(0).body().contains(SSN), "the export, masked");
        assertTrue(answers.get(1).body().contains("unauthenticated"), answers.get(1).body());
        JsonNode customer = Http.json(answers.get(2));
        Fixture.assertSameJson(Fixture.protect(Fixture.customer("c-1001")), customer, () -> answers.get(2).body());
    }

    @Test
    void http10ResponsesAreMaskedAndSentWithTheirLength() throws Exception {
        String key = policy.key("reader");
        String two = request("GET", "/api/customers", "HTTP/1.0", key, false)
                + request("GET", "/api/customers/c-1001", "HTTP/1.0", key, true);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write(two.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            RawHttp.Response list = RawHttp.parse(app.port(), "HTTP/1.0 list", in);
            assertEquals(200, list.statusCode(), list.body());
            assertFalse(list.headers().firstValue("Transfer-Encoding").isPresent(), "no chunking in HTTP/1.0: " + list.headers().map());
            assertEquals(String.valueOf(list.body().getBytes(StandardCharsets.UTF_8).length),
                    list.headers().firstValue("Content-Length").orElse("none"), list.headers().map().toString());
            Fixture.assertSameJson(Fixture.protect(Fixture.customers()), Http.json(list), list::body);
            RawHttp.Response one = RawHttp.parse(app.port(), "HTTP/1.0 one", in);
            Fixture.assertSameJson(Fixture.protect(Fixture.customer("c-1001")), Http.json(one), one::body);
        }
    }

    @Test
    void anH2cUpgradeOfferIsNotPassedOnAndTheAnswerIsMasked() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> r = h2.send(HttpRequest.newBuilder(new Http(app.port()).uri("/api/customers/c-1001"))
                .header(Http.API_KEY_HEADER, policy.key("reader")).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_1_1, r.version(), "the exchange must stay HTTP/1.1");
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(r.body().contains(SSN), r.body());
        Fixture.assertSameJson(Fixture.protect(Fixture.customer("c-1001")), Http.json(r), r::body);
    }

    @Test
    void http2WithPriorKnowledgeNeverGetsAnUnguardedAnswer() throws Exception {
        AppProcess.Mark mark = app.mark();
        byte[] answer = h2cPriorKnowledge("/api/customers/c-1001", policy.key("reader"));
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(SSN), "an HTTP/2 answer carried the unmasked SSN");
        assertFalse(text.contains("\"c-1001\""), "an HTTP/2 answer carried the customer at all: " + RawHttp.printable(text));
        if (speaksH2c()) {
            String log = app.outputSince(mark) + app.stderrText();
            assertTrue(log.contains("refused an HTTP/2 connection"), () -> "no warning says why:\n" + app.tail());
        }
    }

    /** A GET over cleartext HTTP/2 (RFC 9113 prior knowledge); returns every byte the server sent until it closed. */
    private byte[] h2cPriorKnowledge(String path, String key) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        for (String[] h : new String[][] {{":method", "GET"}, {":scheme", "http"}, {":path", path},
                {":authority", "127.0.0.1:" + app.port()}, {Http.API_KEY_HEADER.toLowerCase(), key}}) {
            block.write(0x00); // literal header field without indexing, new name (RFC 7541 6.2.2), no Huffman
            block.write(h[0].length());
            block.writeBytes(h[0].getBytes(StandardCharsets.US_ASCII));
            block.write(h[1].length());
            block.writeBytes(h[1].getBytes(StandardCharsets.US_ASCII));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {0, 0, 0, 0x4, 0, 0, 0, 0, 0}); // empty SETTINGS
        int n = block.size();
        out.writeBytes(new byte[] {(byte) (n >> 16), (byte) (n >> 8), (byte) n, 0x1, 0x5, 0, 0, 0, 1}); // HEADERS, stream 1
        out.writeBytes(block.toByteArray());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
            s.setSoTimeout(5_000);
            OutputStream o = s.getOutputStream();
            o.write(out.toByteArray());
            o.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            for (int r; (r = in.read(buf)) > 0; ) received.write(buf, 0, r);
        } catch (SocketTimeoutException e) {
            // the server kept the connection open: what it sent is in `received`
        } catch (IOException e) {
            // reset by the server: what it sent before is in `received`
        }
        return received.toByteArray();
    }
}
