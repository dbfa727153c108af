package dev.warden.policy.auth;

import static dev.warden.policy.auth.AuthFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.warden.policy.auth.AuthResult.Status;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 7662 introspection against a local endpoint that counts its calls. */
class IntrospectionAuthenticatorTest {

    static final String CLIENT_ID = "warden-rs";
    static final String CLIENT_SECRET = "s3cr3t:with/odd=chars";
    static final Duration CACHE_TTL = Duration.ofMinutes(5);
    static final Duration INACTIVE_TTL = Duration.ofSeconds(10);
    static final Duration TIMEOUT = Duration.ofMillis(400);

    TestServer as;
    MutableClock clock;
    /** token -> the response the endpoint gives for it; unknown tokens are inactive. */
    final Map<String, String> responses = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    Consumer<String> previousSink;

    @BeforeEach
    void start() throws Exception {
        as = new TestServer();
        clock = new MutableClock(T0);
        as.responder = seen -> {
            String token = form(seen.get("body")).get("token");
            return responses.getOrDefault(token == null ? "" : token, "{\"active\":false}");
        };
        previousSink = AuthLog.sink;
        AuthLog.sink = log::add;
    }

    @AfterEach
    void stop() {
        as.close();
        AuthLog.sink = previousSink;
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    IntrospectionAuthenticator auth(String endpoint, String consumerClaim, Map<String, String> attributes) {
        return new IntrospectionAuthenticator(new IntrospectionConfig(endpoint, CLIENT_ID, CLIENT_SECRET, CACHE_TTL, INACTIVE_TTL,
                TIMEOUT, consumerClaim, attributes), clock);
    }

    IntrospectionAuthenticator auth() {
        return auth(as.url("/introspect"), null, Map.of());
    }

    String active(String sub, long expSeconds) {
        return "{\"active\":true,\"sub\":\"" + sub + "\",\"client_id\":\"portal\",\"scope\":\"orders:read orders:write\","
                + "\"exp\":" + expSeconds + ",\"realm_access\":{\"roles\":[\"reader\"]},\"n\":1.5}";
    }

    long in(Duration d) {
        return clock.instant().plus(d).getEpochSecond();
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void anActiveTokenIsOkWithItsIdentity() {
        responses.put("tok-alice", active("alice", in(Duration.ofHours(1))));
        IntrospectionAuthenticator a = auth(as.url("/introspect"), "sub", Map.of("roles", "realm_access.roles", "client", "client_id"));
        AuthResult r = a.authenticate(bearer("tok-alice"));
        assertEquals(Status.OK, r.status(), r::toString);
        Identity id = r.identity();
        assertEquals("alice", id.consumerId());
        assertEquals(List.of("reader"), id.attributes().get("roles"));
        assertEquals("portal", id.attributes().get("client"));
        assertEquals(java.util.Set.of("orders:read", "orders:write"), id.scopes());
        assertEquals(Boolean.TRUE, id.claims().get("active"));
        assertEquals(in(Duration.ofHours(1)), id.claims().get("exp"));
        assertEquals(1.5, id.claims().get("n"));
        assertEquals("introspection", a.method());
    }

    @Test
    void theCallIsAFormPostWithBasicClientAuthentication() {
        responses.put("tok+/=&x", active("alice", in(Duration.ofHours(1))));
        assertEquals(Status.OK, auth().authenticate(bearer("tok+/=&x")).status());
        Map<String, String> seen = as.requests.peek();
        assertEquals("POST", seen.get("method"));
        assertEquals("/introspect", seen.get("path"));
        assertEquals("application/x-www-form-urlencoded", seen.get("content-type"));
        assertEquals(Map.of("token", "tok+/=&x", "token_type_hint", "access_token"), form(seen.get("body")));
        String basic = seen.get("authorization");
        assertTrue(basic.startsWith("Basic "), basic);
        String decoded = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        assertEquals(CLIENT_ID, URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
        assertEquals(CLIENT_SECRET, URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
    }

    @Test
    void anInactiveTokenIsInvalid() {
        AuthResult r = auth().authenticate(bearer("tok-revoked"));
        assertEquals(AuthResult.invalid("invalid_token"), r);
    }

    @Test
    void aSecondRequestWithinTheTtlMakesNoCall() {
        responses.put("tok-alice", active("alice", in(Duration.ofHours(1))));
        IntrospectionAuthenticator a = auth();
        assertEquals(Status.OK, a.authenticate(bearer("tok-alice")).status());
        clock.advance(CACHE_TTL.minusSeconds(1));
        assertEquals(Status.OK, a.authenticate(bearer("tok-alice")).status());
        assertEquals(1, as.hits.get());
        clock.advance(Duration.ofSeconds(1));                // cacheTtl over: asked again
        responses.put("tok-alice", "{\"active\":false}");    // revoked meanwhile
        assertEquals(Status.INVALID, a.authenticate(bearer("tok-alice")).status());
        assertEquals(2, as.hits.get());
    }

    @Test
    void anActiveResultIsNotCachedPastTheTokensExp() {
        responses.put("tok-short", active("alice", in(Duration.ofSeconds(30))));
        IntrospectionAuthenticator a = auth();
        assertEquals(Status.OK, a.authenticate(bearer("tok-short")).status());
        clock.advance(Duration.ofSeconds(29));
        assertEquals(Status.OK, a.authenticate(bearer("tok-short")).status());
        assertEquals(1, as.hits.get());
        clock.advance(Duration.ofSeconds(1));
        responses.put("tok-short", "{\"active\":false}");
        assertEquals(Status.INVALID, a.authenticate(bearer("tok-short")).status());
        assertEquals(2, as.hits.get());
    }

    @Test
    void anInactiveResultIsCachedForTheInactiveTtl() {
        IntrospectionAuthenticator a = auth();
        for (int i = 0; i < 5; i++) assertEquals(Status.INVALID, a.authenticate(bearer("tok-unknown")).status());
        assertEquals(1, as.hits.get());
        clock.advance(INACTIVE_TTL);
        responses.put("tok-unknown", active("late", in(Duration.ofHours(1))));
        assertEquals(Status.OK, a.authenticate(bearer("tok-unknown")).status());
        assertEquals(2, as.hits.get());
    }

    @Test
    void differentTokensAreCachedApart() {
        responses.put("tok-a", active("a", in(Duration.ofHours(1))));
        responses.put("tok-b", active("b", in(Duration.ofHours(1))));
        IntrospectionAuthenticator a = auth();
        assertEquals("a", a.authenticate(bearer("tok-a")).identity().consumerId());
        assertEquals("b", a.authenticate(bearer("tok-b")).identity().consumerId());
        assertEquals("a", a.authenticate(bearer("tok-a")).identity().consumerId());
        assertEquals(2, as.hits.get());
    }

    @Test
    void concurrentIdenticalRequestsShareOneCall() throws Exception {
        responses.put("tok-busy", active("alice", in(Duration.ofHours(1))));
        as.delayMillis = 150;
        IntrospectionAuthenticator a = auth();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<AuthResult>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return a.authenticate(bearer("tok-busy"));
                }));
            }
            go.countDown();
            for (Future<AuthResult> f : results) assertEquals(Status.OK, f.get().status());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, as.hits.get());
    }

    @Test
    void aSlowEndpointIsUnavailableWithinTheTimeout() {
        responses.put("tok-alice", active("alice", in(Duration.ofHours(1))));
        as.delayMillis = 2000;
        IntrospectionAuthenticator a = auth();
        long t = System.nanoTime();
        assertEquals(AuthResult.unavailable(), a.authenticate(bearer("tok-alice")));
        long ms = Duration.ofNanos(System.nanoTime() - t).toMillis();
        assertTrue(ms < TIMEOUT.toMillis() + 250 + 500, "took " + ms + " ms");
        as.delayMillis = 0;                                  // the failure was not cached
        assertEquals(Status.OK, a.authenticate(bearer("tok-alice")).status());
    }

    @Test
    void a500IsUnavailableAndNotCached() {
        as.status.set(500);
        IntrospectionAuthenticator a = auth();
        assertEquals(AuthResult.unavailable(), a.authenticate(bearer("tok-alice")));
        assertEquals(AuthResult.unavailable(), a.authenticate(bearer("tok-alice")));
        assertEquals(2, as.hits.get());
        as.status.set(200);
        responses.put("tok-alice", active("alice", in(Duration.ofHours(1))));
        assertEquals(Status.OK, a.authenticate(bearer("tok-alice")).status());
    }

    @Test
    void anAnswerThatIsNotAnIntrospectionResponseIsUnavailable() {
        IntrospectionAuthenticator a = auth();
        for (String body : List.of("<html>oops</html>", "[true]", "{\"active\":\"true\",\"sub\":\"x\"}", "{\"sub\":\"x\"}", "")) {
            responses.put("tok-odd", body);
            assertEquals(AuthResult.unavailable(), a.authenticate(bearer("tok-odd")), body);
        }
    }

    @Test
    void anUnreachableEndpointIsUnavailable() throws Exception {
        IntrospectionAuthenticator a = auth(deadUrl("/introspect"), null, Map.of());
        long t = System.nanoTime();
        assertEquals(AuthResult.unavailable(), a.authenticate(bearer("tok-alice")));
        assertTrue(Duration.ofNanos(System.nanoTime() - t).toMillis() < TIMEOUT.toMillis() + 250 + 500);
    }

    @Test
    void anActiveTokenWithoutTheConsumerClaimIsInvalid() {
        responses.put("tok-client", "{\"active\":true,\"client_id\":\"batch\",\"exp\":" + in(Duration.ofHours(1)) + "}");
        assertEquals(AuthResult.invalid("invalid_token"), auth().authenticate(bearer("tok-client")));
        assertEquals("batch", auth(as.url("/introspect"), "client_id", Map.of()).authenticate(bearer("tok-client")).identity().consumerId());
    }

    @Test
    void noBearerTokenMakesNoCall() {
        IntrospectionAuthenticator a = auth();
        assertEquals(AuthResult.ABSENT, a.authenticate(request(Map.of(), null)));
        assertEquals(AuthResult.ABSENT, a.authenticate(request(Map.of("Authorization", List.of("Basic eDp5")), null)));
        assertEquals(AuthResult.invalid("invalid_request"),
                a.authenticate(request(Map.of("Authorization", List.of("Bearer a", "Bearer b")), null)));
        assertEquals(AuthResult.invalid("invalid_request"),
                a.authenticate(request(Map.of("Authorization", List.of("Bearer a")), "access_token=a")));
        assertEquals(0, as.hits.get());
    }

    @Test
    void theCacheKeyIsTheTokensSha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", IntrospectionAuthenticator.cacheKey("abc"));
    }

    @Test
    void noTokenOrSecretIsLogged() {
        as.status.set(500);
        IntrospectionAuthenticator a = auth();
        a.authenticate(bearer("tok-very-secret-value"));
        as.status.set(200);
        a.authenticate(bearer("tok-very-secret-value"));
        List<String> lines = log.stream().filter(l -> l.contains(as.url("/introspect"))).toList();
        assertEquals(2, lines.size(), lines::toString);
        for (String line : log) {
            assertFalse(line.contains("tok-very-secret-value"), line);
            assertFalse(line.contains(CLIENT_SECRET), line);
            assertFalse(line.contains(Base64.getEncoder().encodeToString(CLIENT_ID.getBytes(StandardCharsets.UTF_8)).substring(0, 6)), line);
        }
    }

    @Test
    void refusesAConfigurationThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> auth("ftp://x/introspect", null, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new IntrospectionAuthenticator(new IntrospectionConfig(as.url("/i"),
                CLIENT_ID, CLIENT_SECRET, CACHE_TTL, INACTIVE_TTL, Duration.ZERO, null, Map.of()), clock));
    }
}
