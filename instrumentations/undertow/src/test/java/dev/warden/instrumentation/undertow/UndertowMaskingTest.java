package dev.warden.instrumentation.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.undertow.Undertow;
import io.undertow.server.BlockingHttpExchange;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The two masking points on a real Undertow server, without the agent: the helpers are called where the advice
 * would call them (the exchange is guarded as the root-handler advice does, the conduit is put in front when the
 * response channel is taken, the blocking exchange is wrapped after {@code startBlocking()}). The stand-in scope
 * shifts letters, so a body masked twice, or not at all, shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UndertowMaskingTest {

    /** A body far larger than any socket buffer: the conduit must cope with partial writes and write-ready waits. */
    private static final int LARGE = 16 * 1024 * 1024;

    private final Map<String, ShiftingScope> scopes = new ConcurrentHashMap<>();
    private Undertow server;
    private HttpClient client;
    private int port;

    @BeforeAll
    void start() {
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(this::route).build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    private void route(HttpServerExchange exchange) throws Exception {
        ShiftingScope scope = new ShiftingScope();
        scopes.put(exchange.getRelativePath() + "?" + exchange.getQueryString(), scope);
        ExchangeGuard.attach(exchange, scope);
        String body = body(exchange.getQueryParameters().get("body").getFirst());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        if (exchange.getQueryParameters().containsKey("encoding")) {
            exchange.getResponseHeaders().put(Headers.CONTENT_ENCODING, exchange.getQueryParameters().get("encoding").getFirst());
        }
        HttpHandler app = exchange.getRelativePath().equals("/stream") ? blocking(body) : sender(body);
        app.handleRequest(exchange);
    }

    /** The non-blocking Sender on the IO thread: the masking conduit's case. */
    private static HttpHandler sender(String body) {
        return exchange -> {
            ExchangeGuard.beforeResponseChannel(exchange); // what the response-channel advice does
            exchange.getResponseSender().send(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
        };
    }

    /** The blocking output stream on a worker thread: the guarded stream's case. */
    private static HttpHandler blocking(String body) {
        return exchange -> exchange.dispatch(ex -> {
            ex.startBlocking();
            BlockingHttpExchange made = ex.startBlocking(null);
            ex.startBlocking(ExchangeGuard.guardBlocking(ex, made)); // what the start-blocking advice does
            try (OutputStream out = ex.getOutputStream()) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < bytes.length; i += 1000) out.write(bytes, i, Math.min(1000, bytes.length - i));
            }
        });
    }

    private static String body(String kind) {
        return switch (kind) {
            case "small" -> "{\"name\":\"abc xyz\"}";
            case "large" -> "{\"blob\":\"" + "abcdefghij".repeat(LARGE / 10) + "\"}";
            case "bad-early" -> "{\"name\":\"ab!\"}";
            case "bad-late" -> "{\"blob\":\"" + "abcdefghij".repeat(LARGE / 10) + "!\"}";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static String shifted(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) b.append(c >= 'a' && c <= 'z' ? (c == 'z' ? 'a' : (char) (c + 1)) : c);
        return b.toString();
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void conduitMasksEveryByteOnceWithoutItsContentLength() throws Exception {
        HttpResponse<String> r = get("/sender?body=large");
        assertEquals(200, r.statusCode());
        assertEquals(shifted(body("large")), r.body());
        assertFalse(r.headers().firstValue("Content-Length").isPresent(), "a masked body's length is not known ahead");
    }

    @Test
    void conduitAnswers502ForAnEncodingItCannotRead() throws Exception {
        HttpResponse<String> r = get("/sender?body=small&encoding=br");
        assertEquals(502, r.statusCode());
        assertEquals(new String(ShiftingScope.PROBLEM, StandardCharsets.UTF_8), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(null));
        assertFalse(r.headers().firstValue("Content-Encoding").isPresent());
    }

    @Test
    void conduitCutsAnUnmaskableBodyShortSoItNeverLooksComplete() throws Exception {
        assertThrows(IOException.class, () -> get("/sender?body=bad-late"));
        assertEnded("/sender?body=bad-late");
    }

    @Test
    void guardedStreamMasksOnce() throws Exception {
        HttpResponse<String> small = get("/stream?body=small");
        assertEquals(200, small.statusCode());
        assertEquals(shifted(body("small")), small.body());
        HttpResponse<String> large = get("/stream?body=large");
        assertEquals(200, large.statusCode());
        assertEquals(shifted(body("large")), large.body());
    }

    @Test
    void guardedStreamAnswers502WhileNothingWasSent() throws Exception {
        HttpResponse<String> r = get("/stream?body=bad-early");
        assertEquals(502, r.statusCode());
        assertEquals(new String(ShiftingScope.PROBLEM, StandardCharsets.UTF_8), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void guardedStreamCutsAnUnmaskableBodyShortOnceSent() throws Exception {
        assertThrows(IOException.class, () -> get("/stream?body=bad-late"));
        assertEnded("/stream?body=bad-late");
    }

    @Test
    void theOutcomeIsRecordedOnceWhenTheExchangeCompletes() throws Exception {
        assertEquals(200, get("/sender?body=small").statusCode());
        assertEnded("/sender?body=small");
        assertEquals(200, scopes.get("/sender?body=small").endedStatus);
    }

    /** The scope of that request was ended, exactly once (a concurrency slot is released once). */
    private void assertEnded(String request) throws InterruptedException {
        ShiftingScope scope = scopes.get(request);
        long deadline = System.currentTimeMillis() + 5000;
        while (scope.ends.get() == 0 && System.currentTimeMillis() < deadline) Thread.sleep(10);
        Thread.sleep(100);
        assertEquals(1, scope.ends.get(), request + ": ends recorded");
    }
}
