package dev.warden.policy.auth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.warden.policy.engine.RequestView;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Real keys, real tokens, a local HTTP server and a clock the tests move. */
final class AuthFixtures {

    private AuthFixtures() {
    }

    // ---- keys ------------------------------------------------------------------------------------------------

    /** A key pair and its public JWK (with a kid). */
    record TestKey(String kid, KeyPair pair, JWK publicJwk) {
        PrivateKey priv() {
            return pair.getPrivate();
        }
    }

    static TestKey rsa(String kid) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            return new TestKey(kid, kp, new RSAKey.Builder((RSAPublicKey) kp.getPublic()).keyID(kid).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static TestKey ec(String kid) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair kp = g.generateKeyPair();
            return new TestKey(kid, kp, new ECKey.Builder(Curve.P_256, (ECPublicKey) kp.getPublic()).keyID(kid).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static TestKey ed25519(String kid) {
        try {
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = kp.getPublic().getEncoded();             // 12-byte prefix + 32 bytes of x
            byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            return new TestKey(kid, kp, new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).keyID(kid).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String jwks(JWK... keys) {
        List<Object> list = new ArrayList<>();
        for (JWK k : keys) list.add(k.toJSONObject());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keys", list);
        return JSONObjectUtils.toJSONString(m);
    }

    // ---- tokens ----------------------------------------------------------------------------------------------

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    static String json(Map<String, ?> m) {
        return JSONObjectUtils.toJSONString(m);
    }

    /** header.payload.signature with the signature computed over the first two parts exactly as given. */
    static String signRaw(String headerPart, String payloadPart, Function<byte[], byte[]> signer) {
        String input = headerPart + "." + payloadPart;
        return input + "." + b64(signer.apply(input.getBytes(StandardCharsets.US_ASCII)));
    }

    static String sign(Map<String, ?> header, Map<String, ?> claims, Function<byte[], byte[]> signer) {
        return signRaw(b64(json(header)), b64(json(claims)), signer);
    }

    static Function<byte[], byte[]> jca(String algorithm, PrivateKey key) {
        return input -> {
            try {
                Signature s = Signature.getInstance(algorithm);
                s.initSign(key);
                s.update(input);
                return s.sign();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    static Function<byte[], byte[]> rs256(PrivateKey k) {
        return jca("SHA256withRSA", k);
    }

    static Function<byte[], byte[]> ps256(PrivateKey k) {
        return input -> {
            try {
                Signature s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                s.initSign(k);
                s.update(input);
                return s.sign();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** ES256 in the JWS form: R || S, 64 bytes (the JDK's P1363 format). */
    static Function<byte[], byte[]> es256(PrivateKey k) {
        return jca("SHA256withECDSAinP1363Format", k);
    }

    static Function<byte[], byte[]> ed25519(PrivateKey k) {
        return jca("Ed25519", k);
    }

    static Function<byte[], byte[]> hmac(String algorithm, byte[] secret) {
        return input -> {
            try {
                Mac mac = Mac.getInstance(algorithm);
                mac.init(new SecretKeySpec(secret, algorithm));
                return mac.doFinal(input);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    static Function<byte[], byte[]> hs256(byte[] secret) {
        return hmac("HmacSHA256", secret);
    }

    static Map<String, Object> header(String alg, String kid) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alg", alg);
        h.put("typ", "JWT");
        if (kid != null) h.put("kid", kid);
        return h;
    }

    /** Valid claims at {@code now}: iss, aud, sub, iat = now, exp = now + 10 min. */
    static Map<String, Object> claims(Instant now) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", ISSUER);
        c.put("aud", AUDIENCE);
        c.put("sub", "alice");
        c.put("iat", now.getEpochSecond());
        c.put("exp", now.plusSeconds(600).getEpochSecond());
        return c;
    }

    /** Flips one bit in the middle of the signature part. */
    static String flipSignatureByte(String token) {
        int dot = token.lastIndexOf('.');
        byte[] sig = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        sig[sig.length / 2] ^= 0x01;
        return token.substring(0, dot + 1) + b64(sig);
    }

    static final String ISSUER = "https://idp.example.test/realms/warden";
    static final String AUDIENCE = "orders-api";
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    // ---- configuration ---------------------------------------------------------------------------------------

    static JwtConfig jwtConfig(String jwks, String secret, List<String> algorithms) {
        return new JwtConfig(ISSUER, List.of(AUDIENCE, "other-api"), jwks, secret, algorithms, Duration.ofSeconds(60),
                Duration.ofHours(24), "sub", Map.of(), Duration.ofMinutes(5), Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    // ---- requests --------------------------------------------------------------------------------------------

    static RequestView bearer(String token) {
        return request(Map.of("Authorization", List.of("Bearer " + token)), null);
    }

    static RequestView request(Map<String, List<String>> headers, String query) {
        return new RequestView() {
            @Override
            public String method() {
                return "GET";
            }

            @Override
            public String rawPath() {
                return "/api/orders";
            }

            @Override
            public String query() {
                return query;
            }

            @Override
            public List<String> headers(String name) {
                for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                    if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
                }
                return List.of();
            }

            @Override
            public List<String> headerNames() {
                return List.copyOf(headers.keySet());
            }

            @Override
            public String clientIp() {
                return "127.0.0.1";
            }
        };
    }

    // ---- clock -----------------------------------------------------------------------------------------------

    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    // ---- a local HTTP server ---------------------------------------------------------------------------------

    /** An HTTP server on 127.0.0.1 answering one path with a settable status, body and delay, counting hits. */
    static final class TestServer implements AutoCloseable {
        final HttpServer server;
        final AtomicInteger hits = new AtomicInteger();
        final AtomicReference<String> body = new AtomicReference<>("{}");
        final AtomicInteger status = new AtomicInteger(200);
        volatile long delayMillis;
        final ConcurrentLinkedQueue<Map<String, String>> requests = new ConcurrentLinkedQueue<>();
        volatile Function<Map<String, String>, String> responder;

        TestServer() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "test-http");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/", this::handle);
            server.start();
        }

        private void handle(HttpExchange ex) throws IOException {
            hits.incrementAndGet();
            Map<String, String> seen = new LinkedHashMap<>();
            seen.put("method", ex.getRequestMethod());
            seen.put("path", ex.getRequestURI().getPath());
            seen.put("content-type", String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")));
            seen.put("authorization", String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            seen.put("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(seen);
            if (status.get() < 0) {           // drop the connection without an answer
                ex.close();
                return;
            }
            try {
                long d = delayMillis;
                if (d > 0) Thread.sleep(d);
                Function<Map<String, String>, String> r = responder;
                byte[] out = (r != null ? r.apply(seen) : body.get()).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(status.get(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    try (OutputStream os = ex.getResponseBody()) {
                        os.write(out);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client gave up (timeout tests)
            } finally {
                ex.close();
            }
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        @Override
        public void close() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    /** A loopback URL nothing listens on. */
    static String deadUrl(String path) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return "http://127.0.0.1:" + port + path;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
