package dev.warden.bench;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.warden.policy.auth.AuthResult;
import dev.warden.policy.auth.JwtAuthenticator;
import dev.warden.policy.auth.JwtConfig;
import dev.warden.policy.engine.RequestView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JWT validations per second on one thread, with the JWKS already cached: what {@link JwtAuthenticator} costs per
 * request in steady state (parse, header and claim checks, key lookup, signature verification).
 *
 * <p>One authenticator whose JWKS (a temp file, {@code jwks: file:/...}, so no HTTP server is involved) holds an
 * RSA 2048, a P-256 and an Ed25519 key; each benchmark presents a token signed with one of them. The tokens carry a
 * {@code kid}, so exactly one key is tried. The clock is the system clock and the cache TTL one hour, so no JWKS
 * refresh happens during a run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JwtValidationBenchmark {

    private static final String ISSUER = "https://idp.example.test/realms/warden";
    private static final String AUDIENCE = "orders-api";

    private Path jwksFile;
    private JwtAuthenticator authenticator;
    private RequestView rs256;
    private RequestView es256;
    private RequestView eddsa;
    private RequestView rs256BadSignature;

    @Setup
    public void setup() throws Exception {
        KeyPair rsa = generate("RSA", g -> g.initialize(2048));
        KeyPair ec = generate("EC", g -> g.initialize(new ECGenParameterSpec("secp256r1")));
        KeyPair ed = generate("Ed25519", g -> { });

        // The public keys as a JWKS file, read once by the cache on first use.
        byte[] spki = ed.getPublic().getEncoded();                  // 12-byte prefix + the 32 bytes of x
        List<JWK> jwks = List.of(
                new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).keyID("rsa-1").build(),
                new ECKey.Builder(Curve.P_256, (ECPublicKey) ec.getPublic()).keyID("ec-1").build(),
                new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length)))
                        .keyID("ed-1").build());
        jwksFile = Files.createTempFile("warden-bench-jwks", ".json");
        Files.writeString(jwksFile, JSONObjectUtils.toJSONString(Map.of("keys", jwks.stream().map(JWK::toJSONObject).toList())));

        JwtConfig config = new JwtConfig(ISSUER, List.of(AUDIENCE), jwksFile.toUri().toString(), null,
                List.of("RS256", "ES256", "EdDSA"), Duration.ofSeconds(60), Duration.ofHours(24), "sub", Map.of(),
                Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofSeconds(30));
        authenticator = new JwtAuthenticator(config, Clock.systemUTC());

        // JWS signatures as the JDK makes them; ES256 needs the raw R || S form (P1363), not DER.
        String rsToken = token("RS256", "rsa-1", "SHA256withRSA", rsa.getPrivate());
        rs256 = bearer(rsToken);
        es256 = bearer(token("ES256", "ec-1", "SHA256withECDSAinP1363Format", ec.getPrivate()));
        eddsa = bearer(token("EdDSA", "ed-1", "Ed25519", ed.getPrivate()));
        rs256BadSignature = bearer(flipSignatureBit(rsToken));

        // The first call fetches the JWKS (warming the cache); a misconfigured benchmark must fail here, loudly,
        // rather than measure the speed of a rejection.
        expect(AuthResult.Status.OK, rs256, "RS256");
        expect(AuthResult.Status.OK, es256, "ES256");
        expect(AuthResult.Status.OK, eddsa, "EdDSA");
        expect(AuthResult.Status.INVALID, rs256BadSignature, "RS256 with a bad signature");
    }

    @TearDown
    public void tearDown() throws Exception {
        Files.deleteIfExists(jwksFile);
    }

    @Benchmark
    public AuthResult rs256() {
        return authenticator.authenticate(rs256);
    }

    @Benchmark
    public AuthResult es256() {
        return authenticator.authenticate(es256);
    }

    @Benchmark
    public AuthResult eddsa() {
        return authenticator.authenticate(eddsa);
    }

    /** A well-formed, unexpired RS256 token whose signature does not verify: the full work, then a rejection. */
    @Benchmark
    public AuthResult rejectBadSignature() {
        return authenticator.authenticate(rs256BadSignature);
    }

    // ---- setup helpers -------------------------------------------------------------------------------------------

    private interface Init {
        void apply(KeyPairGenerator g) throws Exception;
    }

    private static KeyPair generate(String algorithm, Init init) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        init.apply(g);
        return g.generateKeyPair();
    }

    /** header.payload.signature, valid for an hour from now. */
    private static String token(String alg, String kid, String jcaAlgorithm, PrivateKey key) throws Exception {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        header.put("typ", "JWT");
        header.put("kid", kid);
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", "alice");
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        String input = b64(JSONObjectUtils.toJSONString(header).getBytes(StandardCharsets.UTF_8)) + "."
                + b64(JSONObjectUtils.toJSONString(claims).getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance(jcaAlgorithm);
        s.initSign(key);
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(s.sign());
    }

    private static String flipSignatureBit(String token) {
        int dot = token.lastIndexOf('.');
        byte[] sig = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        sig[sig.length / 2] ^= 0x01;
        return token.substring(0, dot + 1) + b64(sig);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static RequestView bearer(String token) {
        return new FakeRequest("GET", "/api/orders", Map.of("Authorization", "Bearer " + token));
    }

    private void expect(AuthResult.Status status, RequestView request, String what) {
        AuthResult r = authenticator.authenticate(request);
        if (r.status() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + r + " (check the JWKS and tokens)");
        }
    }
}
