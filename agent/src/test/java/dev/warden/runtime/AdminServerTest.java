package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.policy.model.AdminConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin listener: exact paths, GET only, failures answered, daemon threads, a taken port only warned about. */
class AdminServerTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private AdminServer server;

    @BeforeEach
    void start() {
        server = AdminServer.start(new AdminConfig("127.0.0.1", freePort()), null);
        assertNotNull(server);
        server.route("/hello", exchange -> {
            byte[] body = "hi".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.route("/broken", exchange -> {
            throw new IllegalStateException("broken on purpose");
        });
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void answersItsRoutesExactly() throws Exception {
        HttpResponse<String> ok = send("GET", "/hello");
        assertEquals(200, ok.statusCode());
        assertEquals("hi", ok.body());
        assertEquals(404, send("GET", "/hello/there").statusCode());
        assertEquals(404, send("GET", "/hellothere").statusCode());
        assertEquals(404, send("GET", "/").statusCode());
    }

    @Test
    void onlyGet() throws Exception {
        HttpResponse<String> post = send("POST", "/hello");
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("Allow").orElse(null));
    }

    @Test
    void aFailingHandlerIsA500() throws Exception {
        assertEquals(500, send("GET", "/broken").statusCode());
        assertEquals(200, send("GET", "/hello").statusCode());
    }

    @Test
    void itsThreadsNeverKeepTheJvmAlive() throws Exception {
        send("GET", "/hello");
        boolean seen = false;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("warden-admin") || t.getName().equals("HTTP-Dispatcher")) {
                seen = true;
                assertTrue(t.isDaemon(), t.getName() + " is not a daemon thread");
            }
        }
        assertTrue(seen, "no thread of the admin listener found");
    }

    @Test
    void aTakenPortIsOneWarningAndNoListener() throws Exception {
        int port = server.address().getPort();
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        AdminServer second;
        try {
            second = AdminServer.start(new AdminConfig("127.0.0.1", port), null);
        } finally {
            System.setErr(stderr);
        }
        assertNull(second);
        String text = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("warden: WARNING: admin listener not started: 127.0.0.1:" + port + " is in use"), text);
        assertEquals(200, send("GET", "/hello").statusCode(), "the first listener still answers");
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
        HttpRequest request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
