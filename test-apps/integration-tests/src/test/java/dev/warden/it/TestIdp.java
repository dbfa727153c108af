package dev.warden.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake identity provider in the test JVM (JDK HttpServer on 127.0.0.1, ephemeral port):
 * <ul>
 *   <li>{@code GET /jwks.json}: the current key set ({@link #jwks(List)}, switchable at any time), or, depending on
 *       {@link #jwksMode(Mode)}, a 503, a connection closed without an answer, or an answer after a delay;</li>
 *   <li>{@code POST /introspect} (RFC 7662): form {@code token=...} with HTTP Basic client credentials; answers the
 *       JSON registered for the token ({@link #introspection(String, ObjectNode)}), {@code {"active":false}} for an
 *       unknown token, 401 for wrong client credentials; or fails/delays per {@link #introspectionMode(Mode)};</li>
 *   <li>anything else: 404, counted in {@link #otherHits()} (an attacker's server uses this to prove it was never
 *       contacted).</li>
 * </ul>
 * Every request is counted, also those it fails on purpose.
 */
public final class TestIdp implements AutoCloseable {

    /** How an endpoint behaves. */
    public enum Mode {
        /** Answers normally. */
        UP,
        /** 503 Service Unavailable. */
        HTTP_503,
        /** 500 Internal Server Error. */
        HTTP_500,
        /** Closes the connection without any answer. */
        CLOSE,
        /** Answers normally, but only after {@link #slowDelay(Duration)} (default 4 s). */
        SLOW
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-idp");
        t.setDaemon(true);
        return t;
    });
    private final String clientId;
    private final String clientSecret;

    private volatile String jwks = "{\"keys\":[]}";
    private volatile Mode jwksMode = Mode.UP;
    private volatile Mode introspectionMode = Mode.UP;
    private volatile Duration slowDelay = Duration.ofSeconds(4);

    private final AtomicInteger jwksHits = new AtomicInteger();
    private final AtomicInteger introspectionHits = new AtomicInteger();
    private final AtomicInteger badCredentialHits = new AtomicInteger();
    private final AtomicInteger otherHits = new AtomicInteger();
    private final Map<String, ObjectNode> introspection = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> introspectionHitsByToken = new ConcurrentHashMap<>();
    private final List<String> otherRequests = java.util.Collections.synchronizedList(new ArrayList<>());

    /** An IdP whose introspection endpoint accepts exactly these client credentials. */
    public TestIdp(String clientId, String clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/jwks.json", this::jwksEndpoint);
        server.createContext("/introspect", this::introspectionEndpoint);
        server.createContext("/", this::other);
        server.start();
    }

    /** An IdP for JWKS only (introspection credentials random, never used). */
    public TestIdp() {
        this("unused", PolicyFiles.newApiKey());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String base() {
        return "http://127.0.0.1:" + port();
    }

    public String jwksUrl() {
        return base() + "/jwks.json";
    }

    public String introspectionUrl() {
        return base() + "/introspect";
    }

    // ---- configuration ---------------------------------------------------------------------------------------------

    public TestIdp jwks(List<Jwt.Key> keys) {
        this.jwks = Jwt.jwks(keys);
        return this;
    }

    public TestIdp jwksJson(String json) {
        this.jwks = json;
        return this;
    }

    public TestIdp jwksMode(Mode mode) {
        this.jwksMode = mode;
        return this;
    }

    public TestIdp introspectionMode(Mode mode) {
        this.introspectionMode = mode;
        return this;
    }

    public TestIdp slowDelay(Duration delay) {
        this.slowDelay = delay;
        return this;
    }

    /** The introspection response for {@code token} (replaces any earlier one). */
    public TestIdp introspection(String token, ObjectNode response) {
        introspection.put(token, response);
        return this;
    }

    /** {@code {"active":true, sub, scope, exp, iat, client_id, token_type, iss, aud}} plus {@code extra}. */
    public static ObjectNode active(String sub, String scope, long expiresInSeconds) {
        long now = Instant.now().getEpochSecond();
        ObjectNode r = Fixture.JSON.createObjectNode();
        r.put("active", true).put("sub", sub).put("scope", scope).put("client_id", "test-client")
                .put("token_type", "Bearer").put("iat", now - 5).put("exp", now + expiresInSeconds)
                .put("iss", Jwt.ISSUER).put("aud", Jwt.AUDIENCE);
        return r;
    }

    public static ObjectNode inactive() {
        return Fixture.JSON.createObjectNode().put("active", false);
    }

    // ---- counters --------------------------------------------------------------------------------------------------

    public int jwksHits() {
        return jwksHits.get();
    }

    public int introspectionHits() {
        return introspectionHits.get();
    }

    public int introspectionHits(String token) {
        AtomicInteger n = introspectionHitsByToken.get(token);
        return n == null ? 0 : n.get();
    }

    /** Introspection calls with missing or wrong client credentials (answered 401). */
    public int badCredentialHits() {
        return badCredentialHits.get();
    }

    /** Requests to any path other than /jwks.json and /introspect. */
    public int otherHits() {
        return otherHits.get();
    }

    public int totalHits() {
        return jwksHits() + introspectionHits() + otherHits();
    }

    public List<String> otherRequests() {
        synchronized (otherRequests) {
            return List.copyOf(otherRequests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- handlers --------------------------------------------------------------------------------------------------

    private void jwksEndpoint(HttpExchange ex) throws IOException {
        jwksHits.incrementAndGet();
        try (ex) {
            drain(ex);
            if (!ex.getRequestMethod().equals("GET")) {
                respond(ex, 405, "text/plain", "GET only");
                return;
            }
            if (misbehave(ex, jwksMode)) {
                return;
            }
            respond(ex, 200, "application/json", jwks);
        }
    }

    private void introspectionEndpoint(HttpExchange ex) throws IOException {
        introspectionHits.incrementAndGet();
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = parseForm(body);
            String token = form.get("token");
            if (token != null) {
                introspectionHitsByToken.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            }
            if (!credentialsOk(ex.getRequestHeaders().getFirst("Authorization"))) {
                badCredentialHits.incrementAndGet();
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test-idp\"");
                respond(ex, 401, "application/json", "{\"error\":\"invalid_client\"}");
                return;
            }
            String contentType = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
            if (!ex.getRequestMethod().equals("POST") || !contentType.startsWith("application/x-www-form-urlencoded")
                    || token == null) {
                respond(ex, 400, "application/json", "{\"error\":\"invalid_request\"}");
                return;
            }
            if (misbehave(ex, introspectionMode)) {
                return;
            }
            ObjectNode answer = introspection.getOrDefault(token, inactive());
            respond(ex, 200, "application/json", answer.toString());
        }
    }

    private void other(HttpExchange ex) throws IOException {
        otherHits.incrementAndGet();
        otherRequests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
        try (ex) {
            drain(ex);
            respond(ex, 404, "text/plain", "not found");
        }
    }

    /** Applies a failure mode; true when the exchange has been dealt with. */
    private boolean misbehave(HttpExchange ex, Mode mode) throws IOException {
        switch (mode) {
            case UP:
                return false;
            case HTTP_503:
                respond(ex, 503, "text/plain", "down for the test");
                return true;
            case HTTP_500:
                respond(ex, 500, "text/plain", "broken for the test");
                return true;
            case CLOSE:
                // The JDK server closes the connection, without writing anything, when a handler throws.
                throw new IOException("test IdP closes the connection on purpose");
            case SLOW:
                try {
                    Thread.sleep(slowDelay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            default:
                throw new IllegalStateException(mode.toString());
        }
    }

    private boolean credentialsOk(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return decoded.equals(clientId + ":" + clientSecret);
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(name, value);
        }
        return form;
    }

    private static void drain(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.readAllBytes();
        }
    }

    private static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
