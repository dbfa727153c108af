package dev.warden.policy.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The verification keys of a JWKS (an http(s) URL or a {@code file:} path), fetched on first use and then:
 * <ul>
 *   <li>used for {@code ttl} after the fetch that produced them started;</li>
 *   <li>refreshed ahead of expiry: the first request once 80% of the TTL has passed starts a fetch in the
 *       background and is answered from the keys in hand;</li>
 *   <li>past the TTL, while the source is healthy, a request waits (at most the fetch timeout) for the refreshed
 *       set, so a key the IdP removed stops validating once the TTL is over;</li>
 *   <li>when a fetch fails (down, timeout, not 200, bad JSON, too large, no usable key) the keys in hand keep
 *       serving, without waiting, and a new attempt is made at most once per {@code failureBackoff}
 *       (min(minRefetchInterval, 5 s));</li>
 *   <li>on an unknown key id, refetched at most once per {@code minRefetchInterval}, whatever the number of
 *       requests, so rotation works without a restart and random key ids cannot hammer the IdP.</li>
 * </ul>
 * At most one fetch runs at a time; concurrent requests needing its result wait for that one. Until the first
 * successful fetch {@link #keys()} returns null: the caller answers 503 (fail closed). A JWKS is bounded to 1 MiB
 * and 100 keys; symmetric ("oct") keys, RSA keys under 2048 bits, keys whose {@code use} is not {@code sig} or whose
 * {@code key_ops} lack {@code verify}, and keys that do not parse are ignored. Thread-safe.
 */
final class JwksCache {

    static final int MAX_BYTES = 1 << 20;
    static final int MAX_KEYS = 100;
    static final Duration MAX_FAILURE_BACKOFF = Duration.ofSeconds(5);
    /** Beyond the fetch timeout, how long a request waits for a fetch's result before answering without it. */
    static final Duration WAIT_MARGIN = Duration.ofMillis(250);

    /** Reads the JWKS document. Must give up by itself within the configured timeout. */
    @FunctionalInterface
    interface Fetcher {
        String fetch() throws Exception;
    }

    /** A key usable for verification, with its verifier built once. */
    record Key(JWK jwk, JWSVerifier verifier) {

        /** Whether this key may verify a signature of that algorithm (key type, curve and the JWK's alg). */
        boolean fits(JWSAlgorithm alg) {
            if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().getName().equals(alg.getName())) return false;
            if (jwk instanceof RSAKey) return JWSAlgorithm.Family.RSA.contains(alg);
            if (jwk instanceof ECKey ec) return JWSAlgorithm.Family.EC.contains(alg) && Curve.forJWSAlgorithm(alg).contains(ec.getCurve());
            if (jwk instanceof OctetKeyPair okp) return Ed25519JdkVerifier.ALGORITHMS.contains(alg) && Curve.Ed25519.equals(okp.getCurve());
            return false;
        }
    }

    /** One fetched key set. */
    record KeySet(List<Key> keys, Instant fetchedAt) {

        KeySet {
            keys = List.copyOf(keys);
        }

        boolean hasKid(String kid) {
            for (Key k : keys) if (kid.equals(k.jwk().getKeyID())) return true;
            return false;
        }

        /** The keys that may verify a token with this alg and kid (kid null: every key of the right type). */
        List<Key> candidates(JWSAlgorithm alg, String kid) {
            List<Key> out = new ArrayList<>();
            for (Key k : keys) {
                if (kid != null && !kid.equals(k.jwk().getKeyID())) continue;
                if (k.fits(alg)) out.add(k);
            }
            return out;
        }
    }

    private final Fetcher fetcher;
    private final String where;
    private final Clock clock;
    private final Duration ttl;
    private final Duration refreshAhead;
    private final Duration minRefetchInterval;
    private final Duration failureBackoff;
    private final long waitMillis;
    private final Executor executor;

    private final Object lock = new Object();
    private volatile KeySet current;
    private CompletableFuture<Void> inFlight;   // guarded by lock
    private Instant lastAttempt;                // guarded by lock
    private boolean lastFailed;                 // guarded by lock

    JwksCache(Fetcher fetcher, String where, Clock clock, Duration ttl, Duration minRefetchInterval, Duration timeout,
              Executor executor) {
        this.fetcher = fetcher;
        this.where = where;
        this.clock = clock;
        this.ttl = ttl;
        this.refreshAhead = Duration.ofNanos(ttl.toNanos() / 5 * 4);
        this.minRefetchInterval = minRefetchInterval;
        this.failureBackoff = minRefetchInterval.compareTo(MAX_FAILURE_BACKOFF) < 0 ? minRefetchInterval : MAX_FAILURE_BACKOFF;
        this.waitMillis = timeout.plus(WAIT_MARGIN).toMillis();
        this.executor = executor;
    }

    /** The keys to verify with now, or null when no fetch has ever succeeded. */
    KeySet keys() {
        Instant now = clock.instant();
        KeySet k = current;
        if (k != null && Duration.between(k.fetchedAt(), now).compareTo(refreshAhead) < 0) return k;
        Runnable task = null;
        CompletableFuture<Void> wait;
        synchronized (lock) {
            k = current;
            if (inFlight == null && (lastAttempt == null || !lastFailed || !now.isBefore(lastAttempt.plus(failureBackoff)))) {
                task = start(now);
            }
            boolean expired = k == null || Duration.between(k.fetchedAt(), now).compareTo(ttl) >= 0;
            // past the TTL a healthy source is waited for; a failing one is not (the keys in hand serve)
            wait = k == null || (expired && !lastFailed) ? inFlight : null;
        }
        if (task != null) run(task);
        if (wait != null) await(wait);
        return current;
    }

    /** After a token named a key id the keys in hand lack: refetch if none was started in minRefetchInterval. */
    KeySet refetchForUnknownKid() {
        Instant now = clock.instant();
        Runnable task = null;
        CompletableFuture<Void> wait;
        synchronized (lock) {
            if (inFlight == null && (lastAttempt == null || !now.isBefore(lastAttempt.plus(minRefetchInterval)))) {
                task = start(now);
            }
            wait = inFlight;
        }
        if (task != null) run(task);
        if (wait != null) await(wait);
        return current;
    }

    /** Called under the lock: records the attempt and returns the fetch to run outside it. */
    private Runnable start(Instant now) {
        lastAttempt = now;
        CompletableFuture<Void> done = new CompletableFuture<>();
        inFlight = done;
        return () -> {
            KeySet fetched = null;
            Throwable failure = null;
            try {
                fetched = parse(fetcher.fetch(), now);
            } catch (Exception | StackOverflowError e) {
                failure = e;
            } finally {
                try {
                    report(fetched, failure);   // before the result is visible: whoever sees it sees the line
                } finally {
                    synchronized (lock) {
                        if (fetched != null) current = fetched;
                        lastFailed = fetched == null;
                        inFlight = null;
                    }
                    done.complete(null);
                }
            }
        };
    }

    /** One log line per transition between a working and a failing source, never one per attempt. */
    private void report(KeySet fetched, Throwable failure) {
        boolean wasFailing;
        int kept;
        synchronized (lock) {           // only the one fetch in flight changes these
            wasFailing = lastFailed;
            kept = current == null ? 0 : current.keys().size();
        }
        if (fetched == null && !wasFailing) {
            AuthLog.warn("JWKS fetch from " + where + " failed (" + (failure == null ? "unknown error" : AuthLog.describe(failure))
                    + "); " + (kept > 0 ? "still using the " + kept + " keys fetched before"
                    : "no keys yet: requests with JWTs are refused (503) until a fetch succeeds"));
        } else if (fetched != null && wasFailing) {
            AuthLog.warn("JWKS fetch from " + where + " succeeded again (" + fetched.keys().size() + " keys)");
        }
    }

    private void run(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private void await(CompletableFuture<Void> f) {
        try {
            f.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // answered with the keys in hand, if any
        }
    }

    /** Why a fetched document is not used (the message is safe to log). */
    static final class BadJwks extends IOException {
        private static final long serialVersionUID = 1L;

        BadJwks(String message) {
            super(message);
        }
    }

    /** The usable keys of a JWKS document. @throws BadJwks when it is not a JWKS or has no usable key */
    static KeySet parse(String body, Instant fetchedAt) throws BadJwks {
        if (body == null) throw new BadJwks("no document");
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(body, MAX_BYTES);
        } catch (ParseException e) {
            throw new BadJwks("not a JSON object");
        }
        if (!(json.get("keys") instanceof List<?> list)) throw new BadJwks("no \"keys\" array");
        if (list.size() > MAX_KEYS) throw new BadJwks("more than " + MAX_KEYS + " keys");
        List<Key> keys = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?>)) continue;
            try {
                @SuppressWarnings("unchecked")
                JWK jwk = JWK.parse((Map<String, Object>) o);
                Key key = usable(jwk);
                if (key != null) keys.add(key);
            } catch (ParseException | JOSEException | RuntimeException e) {
                // one bad key does not spoil the others
            }
        }
        if (keys.isEmpty()) throw new BadJwks("no usable verification key");
        return new KeySet(keys, fetchedAt);
    }

    private static Key usable(JWK jwk) throws JOSEException {
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) return null;
        Set<KeyOperation> ops = jwk.getKeyOperations();
        if (ops != null && !ops.contains(KeyOperation.VERIFY)) return null;
        if (jwk instanceof RSAKey rsa) {
            if (rsa.size() < 2048) return null;
            RSAKey pub = rsa.toPublicJWK();
            return new Key(pub, new RSASSAVerifier(pub));
        }
        if (jwk instanceof ECKey ec) {
            if (!Set.of(Curve.P_256, Curve.P_384, Curve.P_521).contains(ec.getCurve())) return null;
            ECKey pub = ec.toPublicJWK();
            return new Key(pub, new ECDSAVerifier(pub));
        }
        if (jwk instanceof OctetKeyPair okp) {
            if (!Curve.Ed25519.equals(okp.getCurve())) return null;
            OctetKeyPair pub = okp.toPublicJWK();
            return new Key(pub, new Ed25519JdkVerifier(pub));
        }
        return null; // oct (symmetric) keys never come from a JWKS; X25519 etc. do not sign
    }

    /** Fetches over HTTP(S) with a bounded body: connect and whole-response timeout {@code timeout}. */
    static Fetcher http(String url, Duration timeout) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL) // never https -> http
                .version(url.startsWith("http://") ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2) // no h2c upgrade
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Accept", "application/jwk-set+json, application/json")
                .GET()
                .build();
        return () -> {
            CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(request, LimitedBody.handler(MAX_BYTES));
            HttpResponse<byte[]> response;
            try {
                response = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw new IOException("no complete response within " + timeout.toMillis() + " ms");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception c ? c : e;
            }
            if (response.statusCode() != 200) throw new IOException("HTTP status " + response.statusCode());
            return new String(response.body(), StandardCharsets.UTF_8);
        };
    }

    /** Reads a local JWKS file (re-read at each refresh, so replacing the file rotates keys). */
    static Fetcher file(String location) {
        Path path;
        try {
            path = Path.of(URI.create(location));
        } catch (IllegalArgumentException e) {
            path = Path.of(location.substring("file:".length()));
        }
        Path p = path;
        return () -> {
            if (Files.size(p) > MAX_BYTES) throw new IOException("JWKS file larger than " + MAX_BYTES + " bytes");
            byte[] bytes = Files.readAllBytes(p);
            if (bytes.length > MAX_BYTES) throw new IOException("JWKS file larger than " + MAX_BYTES + " bytes");
            return new String(bytes, StandardCharsets.UTF_8);
        };
    }
}
