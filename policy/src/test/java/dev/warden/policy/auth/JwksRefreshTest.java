package dev.warden.policy.auth;

import static dev.warden.policy.auth.AuthFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import dev.warden.policy.auth.AuthResult.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JWKS cache through the authenticator: TTL, refresh ahead, rotation, outages, unknown-kid rate limiting. */
class JwksRefreshTest {

    static TestKey k1;        // RSA
    static TestKey k2;        // EC
    static TestKey k3;        // Ed25519
    static TestKey stranger;  // never published

    static final Duration TTL = Duration.ofSeconds(60);
    static final Duration MIN_REFETCH = Duration.ofSeconds(10);

    TestServer idp;
    MutableClock clock;
    final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    Consumer<String> previousSink;

    @BeforeAll
    static void keys() {
        k1 = rsa("k1");
        k2 = ec("k2");
        k3 = ed25519("k3");
        stranger = ec("stranger");
    }

    @BeforeEach
    void start() throws Exception {
        idp = new TestServer();
        clock = new MutableClock(T0);
        previousSink = AuthLog.sink;
        AuthLog.sink = log::add;
    }

    @AfterEach
    void stop() {
        idp.close();
        AuthLog.sink = previousSink;
    }

    JwtAuthenticator auth(String jwks, Duration timeout) {
        JwtConfig base = jwtConfig(jwks, null, List.of("RS256", "ES256", "EdDSA"));
        return new JwtAuthenticator(new JwtConfig(base.issuer(), base.audiences(), jwks, null, base.algorithms(),
                base.clockSkew(), base.maxLifetime(), "sub", Map.of(), TTL, timeout, MIN_REFETCH), clock);
    }

    JwtAuthenticator auth() {
        return auth(idp.url("/jwks"), Duration.ofSeconds(2));
    }

    void publish(TestKey... keys) {
        JWK[] jwks = new JWK[keys.length];
        for (int i = 0; i < keys.length; i++) jwks[i] = keys[i].publicJwk();
        idp.body.set(AuthFixtures.jwks(jwks));
    }

    /** A valid token signed by k, valid for an hour from the clock's now. */
    String token(TestKey k, String kid) {
        var c = claims(clock.instant());
        c.put("exp", clock.instant().plusSeconds(3600).getEpochSecond());
        if (k.publicJwk() instanceof RSAKey) return sign(header("RS256", kid), c, AuthFixtures.rs256(k.priv()));
        if (k.publicJwk() instanceof ECKey) return sign(header("ES256", kid), c, es256(k.priv()));
        return sign(header("EdDSA", kid), c, ed25519(k.priv()));
    }

    String token(TestKey k) {
        return token(k, k.kid());
    }

    static Status status(JwtAuthenticator a, String token) {
        return a.authenticate(bearer(token)).status();
    }

    /** The log lines about one JWKS location (a late line of an earlier test names another server). */
    List<String> linesAbout(String url) {
        return log.stream().filter(l -> l.contains(url)).toList();
    }

    static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting until " + what);
            Thread.sleep(10);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void fetchesOnceAndServesFromTheCacheWithinTheTtl() {
        publish(k1, k2, k3);
        JwtAuthenticator a = auth();
        for (int i = 0; i < 5; i++) {
            assertEquals(Status.OK, status(a, token(k1)));
            assertEquals(Status.OK, status(a, token(k2)));
            assertEquals(Status.OK, status(a, token(k3)));
            clock.advance(Duration.ofSeconds(5));
        }
        assertEquals(1, idp.hits.get());
    }

    @Test
    void aNewlyPublishedKeyIsUsedWithoutRestart() {
        publish(k1);
        JwtAuthenticator a = auth();
        assertEquals(Status.OK, status(a, token(k1)));
        clock.advance(MIN_REFETCH);
        publish(k1, k2);                                     // the IdP rotates: new key, signs with it
        assertEquals(Status.OK, status(a, token(k2)));       // unknown kid -> one refetch -> OK
        assertEquals(2, idp.hits.get());
        assertEquals(Status.OK, status(a, token(k1)));
        assertEquals(2, idp.hits.get());
    }

    @Test
    void anUnknownKidRefetchWaitsForTheMinimumInterval() {
        publish(k1);
        JwtAuthenticator a = auth();
        assertEquals(Status.OK, status(a, token(k1)));
        publish(k1, k2);
        assertEquals(Status.INVALID, status(a, token(k2)));  // the fetch just made counts: no refetch yet
        clock.advance(MIN_REFETCH.minusSeconds(1));
        assertEquals(Status.INVALID, status(a, token(k2)));
        assertEquals(1, idp.hits.get());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Status.OK, status(a, token(k2)));
        assertEquals(2, idp.hits.get());
    }

    @Test
    void aRemovedKeyStopsValidatingOnceTheTtlIsOver() {
        publish(k1, k2);
        JwtAuthenticator a = auth();
        String old = token(k1);
        assertEquals(Status.OK, status(a, old));
        publish(k2);                                         // the IdP withdraws k1
        clock.advance(TTL.dividedBy(2));
        assertEquals(Status.OK, status(a, old));             // cached set still in use
        assertEquals(1, idp.hits.get());
        clock.advance(TTL.dividedBy(2));                     // TTL over: the refreshed set is used
        assertEquals(Status.INVALID, status(a, old));
        assertEquals(Status.OK, status(a, token(k2)));
        assertEquals(2, idp.hits.get());
    }

    @Test
    void refreshesAheadOfExpiryInTheBackgroundWhileCachedKeysServe() throws Exception {
        publish(k1);
        JwtAuthenticator a = auth(idp.url("/jwks"), Duration.ofSeconds(3));
        String old = token(k1);
        assertEquals(Status.OK, status(a, old));
        idp.delayMillis = 800;
        publish(k2);
        clock.advance(TTL.multipliedBy(85).dividedBy(100));  // past 80% of the TTL, before its end
        long t = System.nanoTime();
        assertEquals(Status.OK, status(a, old));             // answered from the cache, not after the slow fetch
        assertTrue(System.nanoTime() - t < Duration.ofMillis(600).toNanos(), "the request waited for the refresh");
        for (int i = 0; i < 5; i++) status(a, old);          // one background refresh, however many requests
        eventually(() -> idp.hits.get() == 2, "the background refresh reached the IdP");
        eventually(() -> status(a, old) == Status.INVALID, "the refreshed set is in use");
        assertEquals(Status.OK, status(a, token(k2)));
        assertEquals(2, idp.hits.get());
    }

    enum Failure { STATUS_500, BAD_JSON, NO_KEYS, TOO_LARGE, TOO_MANY_KEYS, CONNECTION_DROPPED, TIMEOUT }

    void breakIdp(Failure f) {
        switch (f) {
            case STATUS_500 -> idp.status.set(500);
            case BAD_JSON -> idp.body.set("{\"keys\": [");
            case NO_KEYS -> idp.body.set("{\"keys\": []}");
            case TOO_LARGE -> idp.body.set("{\"keys\": [" + k1.publicJwk().toJSONString() + "], \"pad\": \"" + "x".repeat(JwksCache.MAX_BYTES) + "\"}");
            case TOO_MANY_KEYS -> {
                List<JWK> many = new ArrayList<>();
                for (int i = 0; i <= JwksCache.MAX_KEYS; i++) many.add(new ECKey.Builder((ECKey) k2.publicJwk()).keyID("k" + i).build());
                idp.body.set(AuthFixtures.jwks(many.toArray(new JWK[0])));
            }
            case CONNECTION_DROPPED -> idp.status.set(-1);
            case TIMEOUT -> idp.delayMillis = 2000;
        }
    }

    void heal() {
        idp.status.set(200);
        idp.delayMillis = 0;
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void keepsServingCachedKeysWhenARefreshFails(Failure failure) {
        publish(k1);
        JwtAuthenticator a = auth(idp.url("/jwks"), Duration.ofMillis(300));
        String t1 = token(k1);
        assertEquals(Status.OK, status(a, t1));
        breakIdp(failure);
        clock.advance(TTL.plusSeconds(1));
        assertEquals(Status.OK, status(a, t1));              // the refresh failed: the cached keys serve
        int afterFailure = idp.hits.get();                   // 2, or 3: the JDK client retries a GET once on a dropped connection
        assertTrue(afterFailure == 2 || failure == Failure.CONNECTION_DROPPED && afterFailure == 3, "hits: " + afterFailure);
        long t = System.nanoTime();
        for (int i = 0; i < 5; i++) assertEquals(Status.OK, status(a, t1));
        // waiting for the failing source would take 5 x 300 ms in the TIMEOUT case
        assertTrue(System.nanoTime() - t < Duration.ofMillis(1000).toNanos(), "requests waited for a failing source");
        assertEquals(afterFailure, idp.hits.get(), "no new attempt within the failure backoff");

        heal();
        publish(k2);                                          // meanwhile the IdP rotated
        clock.advance(JwksCache.MAX_FAILURE_BACKOFF);
        status(a, t1);                                        // starts a background attempt
        assertDoesNotThrow(() -> eventually(() -> status(a, t1) == Status.INVALID, "the healed source's keys are used"));
        assertEquals(Status.OK, status(a, token(k2)));
        List<String> lines = linesAbout(idp.url("/jwks"));
        assertTrue(lines.stream().anyMatch(m -> m.contains("failed")), "the failure was reported");
        assertTrue(lines.stream().anyMatch(m -> m.contains("succeeded again")), "the recovery was reported");
        assertEquals(2, lines.size(), "one line per transition, not per attempt: " + lines);
        for (String line : lines) {
            assertFalse(line.contains(t1.substring(0, 20)), "a token in the log");
            assertFalse(line.contains(((RSAKey) k1.publicJwk()).getModulus().toString().substring(0, 20)), "a key in the log");
        }
    }

    @Test
    void coldStartWithTheEndpointDownIsUnavailableNotInvalid() throws Exception {
        String dead = deadUrl("/jwks");
        JwtAuthenticator a = auth(dead, Duration.ofMillis(500));
        AuthResult r = a.authenticate(bearer(token(k1)));
        assertEquals(AuthResult.unavailable(), r);
        // what can be judged without keys still is
        assertEquals(Status.INVALID, status(a, "not.a.jwt"));
        List<String> lines = linesAbout(dead);
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).contains("503"), lines.get(0));
    }

    @Test
    void coldStartTimeoutIsUnavailableWithinTheTimeout() {
        idp.delayMillis = 3000;
        publish(k1);
        JwtAuthenticator a = auth(idp.url("/jwks"), Duration.ofMillis(300));
        long t = System.nanoTime();
        assertEquals(Status.UNAVAILABLE, status(a, token(k1)));
        long ms = Duration.ofNanos(System.nanoTime() - t).toMillis();
        assertTrue(ms < 300 + 250 + 600, "took " + ms + " ms");
    }

    @Test
    void coldStartRetriesAfterTheFailureBackoffAndRecovers() {
        publish(k1);
        idp.status.set(503);
        JwtAuthenticator a = auth();
        assertEquals(Status.UNAVAILABLE, status(a, token(k1)));
        assertEquals(Status.UNAVAILABLE, status(a, token(k1)));
        assertEquals(1, idp.hits.get(), "no second attempt within the backoff");
        idp.status.set(200);
        clock.advance(JwksCache.MAX_FAILURE_BACKOFF);
        assertEquals(Status.OK, status(a, token(k1)));
        assertEquals(2, idp.hits.get());
    }

    @Test
    void aFloodOfRandomKidsFetchesAtMostOncePerInterval() throws Exception {
        publish(k1);
        JwtAuthenticator a = auth();
        assertEquals(Status.OK, status(a, token(k1)));
        assertEquals(1, idp.hits.get());
        clock.advance(MIN_REFETCH);
        for (int i = 0; i < 50; i++) assertEquals(Status.INVALID, status(a, token(stranger, UUID.randomUUID().toString())));
        assertEquals(2, idp.hits.get());
        clock.advance(MIN_REFETCH.dividedBy(2));
        for (int i = 0; i < 50; i++) assertEquals(Status.INVALID, status(a, token(stranger, UUID.randomUUID().toString())));
        assertEquals(2, idp.hits.get());
        clock.advance(MIN_REFETCH.dividedBy(2));

        // concurrently: still one fetch for the interval
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Status>> results = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String t = token(stranger, UUID.randomUUID().toString());
                results.add(pool.submit(() -> {
                    go.await();
                    return status(a, t);
                }));
            }
            go.countDown();
            for (Future<Status> f : results) assertEquals(Status.INVALID, f.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3, idp.hits.get());
        assertEquals(Status.OK, status(a, token(k1)));
    }

    @Test
    void unusableKeysInTheJwksAreIgnored() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        KeyPair small = g.generateKeyPair();
        byte[] secret = "a-symmetric-key-in-a-public-jwks!".getBytes(StandardCharsets.UTF_8);
        TestKey encEc = ec("enc-ec");
        TestKey rs512Only = rsa("rs512-only");
        String body = "{\"keys\":["
                + "{\"kty\":\"RSA\",\"kid\":\"garbage\",\"n\":\"!!\",\"e\":\"AQAB\"},"
                + "\"not an object\","
                + "{\"kty\":\"XYZ\",\"kid\":\"unknown-type\"},"
                + new OctetSequenceKey.Builder(secret).keyID("hmac").build().toJSONString() + ","
                + new RSAKey.Builder((RSAPublicKey) small.getPublic()).keyID("small").build().toJSONString() + ","
                + new ECKey.Builder((ECKey) encEc.publicJwk()).keyUse(KeyUse.ENCRYPTION).build().toJSONString() + ","
                + new RSAKey.Builder((RSAKey) rs512Only.publicJwk()).algorithm(com.nimbusds.jose.JWSAlgorithm.RS512).build().toJSONString() + ","
                + k1.publicJwk().toJSONString() + "]}";
        idp.body.set(body);
        JwtConfig base = jwtConfig(idp.url("/jwks"), null, List.of("RS256", "ES256", "HS256"));
        JwtAuthenticator a = new JwtAuthenticator(base, clock);
        assertEquals(Status.OK, status(a, token(k1)));
        var c = claims(clock.instant());
        assertEquals(Status.INVALID, status(a, sign(header("HS256", "hmac"), c, hs256(secret))));
        assertEquals(Status.INVALID, status(a, sign(header("RS256", "small"), c, AuthFixtures.rs256(small.getPrivate()))));
        assertEquals(Status.INVALID, status(a, sign(header("ES256", "enc-ec"), c, es256(encEc.priv()))));
        assertEquals(Status.INVALID, status(a, sign(header("RS256", "rs512-only"), c, AuthFixtures.rs256(rs512Only.priv()))));
        assertEquals(1, idp.hits.get());
    }

    @Test
    void aJwksFileIsReadAndReReadAfterTheTtl(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, AuthFixtures.jwks(k1.publicJwk()));
        JwtAuthenticator a = auth(file.toUri().toString(), Duration.ofSeconds(1));
        JwtAuthenticator plain = auth("file:" + file, Duration.ofSeconds(1));
        String t1 = token(k1);
        assertEquals(Status.OK, status(a, t1));
        assertEquals(Status.OK, status(plain, t1));
        Files.writeString(file, AuthFixtures.jwks(k3.publicJwk()));
        clock.advance(TTL);
        assertEquals(Status.INVALID, status(a, t1));
        assertEquals(Status.OK, status(a, token(k3)));
    }

    @Test
    void aMissingJwksFileIsUnavailable(@TempDir Path dir) {
        JwtAuthenticator a = auth(dir.resolve("absent.json").toUri().toString(), Duration.ofSeconds(1));
        assertEquals(Status.UNAVAILABLE, status(a, token(k1)));
    }
}
