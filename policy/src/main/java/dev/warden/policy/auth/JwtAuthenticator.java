package dev.warden.policy.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.warden.policy.engine.RequestView;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JWT bearer tokens (RFC 7519, JWS compact serialization only), verified with the keys of a JWKS or an HMAC secret.
 *
 * <p>A token is accepted only when all of this holds, else the answer is INVALID "invalid_token":
 * <ul>
 *   <li>exactly three strictly base64url-encoded parts, a JSON header and a JSON object payload (JWE, unsecured
 *       and malformed tokens fail);</li>
 *   <li>{@code alg} is in the configured allowlist ({@code none} never is); no {@code crit} header; the payload
 *       is base64url-encoded ({@code b64} is not false);</li>
 *   <li>the key comes only from the configuration: HS* algorithms use the configured secret and nothing else (so
 *       a public key can never serve as an HMAC secret); other algorithms use a JWKS key of the matching type and
 *       curve (and matching JWK {@code alg}, if set). {@code jku}, {@code x5u}, {@code jwk} and {@code x5c}
 *       headers are never used. {@code kid}, when present, only selects among the configured keys: an unknown
 *       kid triggers one rate-limited JWKS refetch, then fails;</li>
 *   <li>the signature verifies;</li>
 *   <li>{@code exp} is present and {@code now < exp + clockSkew}; {@code nbf}, if present, {@code <= now +
 *       clockSkew}; {@code iat}, if present, {@code <= now + clockSkew}; with a maxLifetime, {@code iat} is
 *       required and {@code exp - iat <= maxLifetime};</li>
 *   <li>{@code iss} equals the configured issuer; {@code aud} (string or array) contains a configured audience;</li>
 *   <li>the consumer claim is a non-empty string.</li>
 * </ul>
 * When the JWKS has never been fetched successfully the answer is UNAVAILABLE (503). Nothing about a token, key or
 * secret is logged or put in an exception message. Thread-safe; {@link #authenticate} never throws.
 */
public final class JwtAuthenticator implements Authenticator {

    private static final Set<String> SUPPORTED = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA", "Ed25519", "HS256", "HS384", "HS512");

    private final Clock clock;
    private final String issuer;
    private final Set<String> audiences;
    private final Set<String> algorithms;
    private final long skewMillis;
    private final Long maxLifetimeMillis;
    private final String consumerClaim;
    private final Map<String, String> attributeClaims;
    private final JWSVerifier mac;        // null unless a secret is configured
    private final JwksCache jwks;         // null unless a JWKS is configured
    /**
     * Tokens whose signature verified, mapped to the key set (or HMAC verifier) that verified them. A repeated token
     * skips only the signature math — its header and claims (exp, nbf, iss, aud...) are checked again every time —
     * and only while the same key set is in use: a JWKS refresh makes every token verify afresh. ES256 costs about
     * 0.8 ms per verification on JDK 17; a lookup costs well under a microsecond.
     */
    private final Cache<String, Object> verified = Caffeine.newBuilder()
            .maximumSize(4096).expireAfterWrite(Duration.ofMinutes(10)).executor(Runnable::run).build();
    private final AtomicLong signatureChecks = new AtomicLong();

    /** @throws IllegalArgumentException when the configuration cannot work (the policy loader checks it first) */
    public JwtAuthenticator(JwtConfig config, Clock clock) {
        this(config, clock, config.jwks() == null ? null
                : config.jwks().startsWith("file:") ? JwksCache.file(config.jwks())
                : JwksCache.http(config.jwks(), positive(config.jwksTimeout(), "jwksTimeout")), JwtAuthenticator::refreshThread);
    }

    /** With a JWKS fetcher and an executor for background refreshes of one's choice (tests). */
    JwtAuthenticator(JwtConfig config, Clock clock, JwksCache.Fetcher fetcher, Executor executor) {
        Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (config.issuer() == null || config.issuer().isEmpty()) throw new IllegalArgumentException("jwt: an issuer is required");
        if (config.audiences().isEmpty()) throw new IllegalArgumentException("jwt: at least one audience is required");
        if (config.algorithms().isEmpty()) throw new IllegalArgumentException("jwt: at least one algorithm is required");
        for (String alg : config.algorithms()) {
            if (!SUPPORTED.contains(alg)) throw new IllegalArgumentException("jwt: unsupported algorithm '" + alg + "'");
        }
        if ((config.jwks() == null) == (config.secret() == null)) {
            throw new IllegalArgumentException("jwt: exactly one of jwks or secret is required");
        }
        this.issuer = config.issuer();
        this.audiences = Set.copyOf(config.audiences());
        this.algorithms = Set.copyOf(config.algorithms());
        this.skewMillis = nonNegative(config.clockSkew(), "clockSkew").toMillis();
        this.maxLifetimeMillis = config.maxLifetime() == null ? null : nonNegative(config.maxLifetime(), "maxLifetime").toMillis();
        this.consumerClaim = config.consumerClaim() == null ? "sub" : config.consumerClaim();
        this.attributeClaims = new LinkedHashMap<>(config.attributeClaims());
        if (config.secret() != null) {
            try {
                this.mac = new MACVerifier(config.secret().getBytes(StandardCharsets.UTF_8));
            } catch (JOSEException e) {
                throw new IllegalArgumentException("jwt: the secret is shorter than 256 bits");
            }
            this.jwks = null;
        } else {
            String scheme = config.jwks().contains(":") ? config.jwks().substring(0, config.jwks().indexOf(':')) : "";
            if (!Set.of("http", "https", "file").contains(scheme)) {
                throw new IllegalArgumentException("jwt: jwks must be an http(s) URL or file:/path");
            }
            this.mac = null;
            this.jwks = new JwksCache(Objects.requireNonNull(fetcher, "fetcher"), AuthLog.where(config.jwks()), clock,
                    positive(config.jwksCacheTtl(), "jwksCacheTtl"), nonNegative(config.jwksMinRefetchInterval(), "jwksMinRefetchInterval"),
                    positive(config.jwksTimeout(), "jwksTimeout"), executor);
        }
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("jwt: " + what + " must be positive");
        return d;
    }

    private static Duration nonNegative(Duration d, String what) {
        if (d == null || d.isNegative()) throw new IllegalArgumentException("jwt: " + what + " must not be negative");
        return d;
    }

    private static void refreshThread(Runnable r) {
        Thread t = new Thread(r, "warden-jwks-refresh");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public String method() {
        return "jwt";
    }

    @Override
    public AuthResult authenticate(RequestView request) {
        try {
            BearerToken bearer = BearerToken.from(request);
            if (bearer.result() != null) return bearer.result();
            return verify(bearer.token());
        } catch (RuntimeException | StackOverflowError e) {
            return invalid();
        }
    }

    /** The outcome for one bearer token. */
    AuthResult verify(String token) {
        // 1. Shape: three strictly base64url parts (a JWE has five; an unsecured JWT an empty third)
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) return invalid();
        for (String part : parts) if (!isBase64Url(part)) return invalid();

        JWSObject jws;
        Map<String, Object> payload;
        JWTClaimsSet claims;
        try {
            jws = new JWSObject(new Base64URL(parts[0]), new Base64URL(parts[1]), new Base64URL(parts[2]));
            payload = jws.getPayload().toJSONObject();
            if (payload == null) return invalid();
            claims = JWTClaimsSet.parse(payload);
        } catch (ParseException | IllegalArgumentException e) {
            return invalid();
        }

        // 2. Header
        JWSHeader header = jws.getHeader();
        JWSAlgorithm alg = header.getAlgorithm();
        if (alg == null || !algorithms.contains(alg.getName())) return invalid();
        if (header.getCriticalParams() != null) return invalid();
        if (!header.isBase64URLEncodePayload()) return invalid();

        // 3. Claims (before any key lookup, so junk tokens cause no JWKS refetch)
        if (!claimsValid(claims)) return invalid();
        Map<String, Object> plainClaims = plainClaims(payload, claims);
        Identity identity = Claims.identity(plainClaims, consumerClaim, attributeClaims);
        if (identity == null) return invalid();

        // 4. Key and signature
        List<? extends JWSVerifier> verifiers;
        Object keySet;
        if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            if (mac == null) return invalid();
            verifiers = List.of(mac);
            keySet = mac;
        } else {
            if (jwks == null) return invalid();
            JwksCache.KeySet keys = jwks.keys();
            if (keys == null) return AuthResult.unavailable();
            String kid = header.getKeyID();
            if (kid != null && !keys.hasKid(kid)) {
                keys = jwks.refetchForUnknownKid();
                if (keys == null || !keys.hasKid(kid)) return invalid();
            }
            verifiers = keys.candidates(alg, kid).stream().map(JwksCache.Key::verifier).toList();
            keySet = keys;
        }
        if (verified.getIfPresent(token) == keySet) return AuthResult.ok(identity);
        signatureChecks.incrementAndGet();
        byte[] signingInput = jws.getSigningInput();
        for (JWSVerifier v : verifiers) {
            try {
                if (v.verify(header, signingInput, jws.getSignature())) {
                    verified.put(token, keySet);
                    return AuthResult.ok(identity);
                }
            } catch (JOSEException | RuntimeException e) {
                // not this key
            }
        }
        return invalid();
    }

    /** How many signature verifications ran (for tests: repeated tokens must not add to it). */
    long signatureChecks() {
        return signatureChecks.get();
    }

    private boolean claimsValid(JWTClaimsSet claims) {
        long now = clock.millis();
        Date exp = claims.getExpirationTime();
        if (exp == null || now >= exp.getTime() + skewMillis) return false;
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.getTime() > now + skewMillis) return false;
        Date iat = claims.getIssueTime();
        if (iat != null && iat.getTime() > now + skewMillis) return false;
        if (maxLifetimeMillis != null && (iat == null || exp.getTime() - iat.getTime() > maxLifetimeMillis)) return false;
        if (!issuer.equals(claims.getIssuer())) return false;
        List<String> aud = claims.getAudience();
        if (aud == null) return false;
        for (String a : aud) if (audiences.contains(a)) return true;
        return false;
    }

    /** The payload as plain Java values, with exp, iat and nbf as whole epoch seconds (Long). */
    private static Map<String, Object> plainClaims(Map<String, Object> payload, JWTClaimsSet claims) {
        Map<String, Object> out = new LinkedHashMap<>(Claims.plain(payload));
        putSeconds(out, "exp", claims.getExpirationTime());
        putSeconds(out, "iat", claims.getIssueTime());
        putSeconds(out, "nbf", claims.getNotBeforeTime());
        return out;
    }

    private static void putSeconds(Map<String, Object> out, String name, Date date) {
        if (date != null) out.put(name, Math.floorDiv(date.getTime(), 1000L));
    }

    /** Non-empty and only the base64url alphabet, unpadded, of a length base64 can have. */
    static boolean isBase64Url(String s) {
        if (s.isEmpty() || s.length() % 4 == 1) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
        }
        return true;
    }

    private static AuthResult invalid() {
        return AuthResult.invalid(BearerToken.INVALID_TOKEN);
    }
}
