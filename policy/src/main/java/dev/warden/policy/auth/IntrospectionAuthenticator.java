package dev.warden.policy.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.warden.policy.engine.RequestView;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * OAuth 2.0 token introspection (RFC 7662): the bearer token is POSTed ({@code token=...&token_type_hint=access_token},
 * HTTP Basic client authentication) to the configured endpoint, and {@code "active": true} makes it valid.
 *
 * <p>Results are cached under the SHA-256 of the token (the token itself is never stored): an active result for
 * min(cacheTtl, exp - now), an inactive one for inactiveCacheTtl, in a bounded cache (100,000 entries); a failed
 * call is not cached. Concurrent requests with the same uncached token share one call. An endpoint that is
 * unreachable, answers other than 200, answers something that is not an introspection response, or does not
 * answer within the timeout makes the result UNAVAILABLE (503, fail closed); the request returns within
 * timeout + 250 ms. Thread-safe; {@link #authenticate} never throws.
 */
public final class IntrospectionAuthenticator implements Authenticator {

    static final int MAX_ENTRIES = 100_000;
    static final int MAX_RESPONSE_BYTES = 1 << 20;
    static final Duration WAIT_MARGIN = Duration.ofMillis(250);

    /** A cached answer of the endpoint, with how long it may be reused. */
    private record Outcome(AuthResult result, long ttlNanos) {
    }

    private static final Outcome UNAVAILABLE = new Outcome(AuthResult.unavailable(), 0);

    private final IntrospectionConfig config;
    private final Clock clock;
    private final HttpClient client;
    private final URI endpoint;
    private final String authorization;   // null when no client credentials are configured
    private final Duration timeout;
    private final String consumerClaim;
    private final AsyncCache<String, Outcome> cache;
    private final AtomicBoolean failing = new AtomicBoolean();

    /** @throws IllegalArgumentException when the configuration cannot work (the policy loader checks it first) */
    public IntrospectionAuthenticator(IntrospectionConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (config.endpoint() == null || !(config.endpoint().startsWith("https://") || config.endpoint().startsWith("http://"))) {
            throw new IllegalArgumentException("introspection: endpoint must be an http(s) URL");
        }
        this.endpoint = URI.create(config.endpoint());
        this.timeout = positive(config.timeout(), "timeout");
        nonNegative(config.cacheTtl(), "cacheTtl");
        nonNegative(config.inactiveCacheTtl(), "inactiveCacheTtl");
        this.consumerClaim = config.consumerClaim() == null ? "sub" : config.consumerClaim();
        this.authorization = config.clientId() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (form(config.clientId()) + ":" + form(config.clientSecret() == null ? "" : config.clientSecret()))
                        .getBytes(StandardCharsets.UTF_8));
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER) // client credentials go to the configured endpoint only
                .version(config.endpoint().startsWith("http://") ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .build();
        this.cache = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(new Expiry<String, Outcome>() {
                    @Override
                    public long expireAfterCreate(String key, Outcome value, long currentTime) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Outcome value, long currentTime, long currentDuration) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Outcome value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .buildAsync();
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("introspection: " + what + " must be positive");
        return d;
    }

    private static Duration nonNegative(Duration d, String what) {
        if (d == null || d.isNegative()) throw new IllegalArgumentException("introspection: " + what + " must not be negative");
        return d;
    }

    /** RFC 6749 §2.3.1: client id and secret are form-encoded before Basic encoding. */
    private static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String method() {
        return "introspection";
    }

    @Override
    public AuthResult authenticate(RequestView request) {
        try {
            BearerToken bearer = BearerToken.from(request);
            if (bearer.result() != null) return bearer.result();
            String token = bearer.token();
            CompletableFuture<Outcome> outcome = cache.get(cacheKey(token), (key, executor) -> introspect(token));
            try {
                return outcome.get(timeout.plus(WAIT_MARGIN).toMillis(), TimeUnit.MILLISECONDS).result();
            } catch (TimeoutException | ExecutionException e) {
                return AuthResult.unavailable();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return AuthResult.unavailable();
            }
        } catch (RuntimeException | StackOverflowError e) {
            return AuthResult.unavailable();
        }
    }

    /** The cache key: hex SHA-256 of the token, so the cache never holds a token. */
    static String cacheKey(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /**
     * One call to the endpoint. A call that gives no usable answer completes with an UNAVAILABLE outcome that
     * expires at once (so it is shared by the requests waiting for it but not cached), never exceptionally.
     */
    private CompletableFuture<Outcome> introspect(String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + form(token) + "&token_type_hint=access_token"));
        if (authorization != null) b.header("Authorization", authorization);
        CompletableFuture<HttpResponse<byte[]>> call;
        try {
            call = client.sendAsync(b.build(), LimitedBody.handler(MAX_RESPONSE_BYTES));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(e));
        }
        // the deadline runs on a copy, so that on expiry the call itself can still be cancelled
        return call.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((response, failure) -> {
            if (failure == null) {
                try {
                    Outcome o = outcome(response);
                    if (failing.compareAndSet(true, false)) {
                        AuthLog.warn("token introspection at " + AuthLog.where(config.endpoint()) + " answers again");
                    }
                    return o;
                } catch (IOException | RuntimeException e) {
                    failure = e;
                }
            } else {
                call.cancel(true);
            }
            return failed(failure);
        });
    }

    private Outcome failed(Throwable failure) {
        if (failing.compareAndSet(false, true)) {
            AuthLog.warn("token introspection at " + AuthLog.where(config.endpoint()) + " failed (" + AuthLog.describe(failure)
                    + "); requests with bearer tokens are refused (503) until it answers");
        }
        return UNAVAILABLE;
    }

    private Outcome outcome(HttpResponse<byte[]> response) throws IOException {
        if (response.statusCode() != 200) throw new IOException("HTTP status " + response.statusCode());
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(new String(response.body(), StandardCharsets.UTF_8), MAX_RESPONSE_BYTES);
        } catch (ParseException e) {
            throw new IOException("the response is not a JSON object");
        }
        Object active = json.get("active");
        if (Boolean.FALSE.equals(active)) {
            return new Outcome(AuthResult.invalid(BearerToken.INVALID_TOKEN), config.inactiveCacheTtl().toNanos());
        }
        if (!Boolean.TRUE.equals(active)) throw new IOException("the response has no boolean \"active\"");
        Map<String, Object> claims = new LinkedHashMap<>(Claims.plain(json));
        long ttl = config.cacheTtl().toNanos();
        if (claims.get("exp") instanceof Number exp) {
            long left = TimeUnit.MILLISECONDS.toNanos((long) (exp.doubleValue() * 1000) - clock.millis());
            // An "active" answer for a token whose exp has passed is contradictory: trust the expiry (fail closed).
            if (left <= 0) return new Outcome(AuthResult.invalid(BearerToken.INVALID_TOKEN), config.inactiveCacheTtl().toNanos());
            ttl = Math.min(ttl, left);
        }
        Identity identity = Claims.identity(claims, consumerClaim, config.attributeClaims());
        return new Outcome(identity == null ? AuthResult.invalid(BearerToken.INVALID_TOKEN) : AuthResult.ok(identity), ttl);
    }
}
