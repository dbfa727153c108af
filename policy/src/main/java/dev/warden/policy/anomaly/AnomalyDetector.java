package dev.warden.policy.anomaly;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.warden.policy.engine.Caller;
import dev.warden.policy.engine.Decision;
import dev.warden.policy.engine.Problem;
import dev.warden.policy.engine.RequestEdits;
import dev.warden.policy.model.AnomalyConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Watches each client's answers for spikes: many 401/403 (credential stuffing), many 404 (enumeration), many requests.
 * A client reaching a threshold raises one alert per window and signal; with {@code throttle} it is then refused
 * with 429 for a while. Memory is bounded: clients are forgotten after a quiet window (at most {@link #MAX_CLIENTS}).
 */
public final class AnomalyDetector {

    static final int MAX_CLIENTS = 100_000;
    private static final Problem THROTTLED = new Problem(429, "https://warden.dev/problems/client-throttled",
            "Too Many Requests", "Unusual traffic from this client: it is refused for a while.");

    private final AnomalyConfig config;
    /** False in monitor mode: throttled clients are only alerted on, never refused. */
    private final boolean enforce;
    private final Clock clock;
    private final Cache<String, ClientCounts> clients;
    private final Cache<String, Instant> throttledUntil;

    public AnomalyDetector(AnomalyConfig config, boolean enforce) {
        this(config, enforce, Clock.systemUTC());
    }

    AnomalyDetector(AnomalyConfig config, boolean enforce, Clock clock) {
        this.config = config;
        this.enforce = enforce;
        this.clock = clock;
        this.clients = Caffeine.newBuilder().maximumSize(MAX_CLIENTS).expireAfterAccess(config.window().multipliedBy(2)).build();
        this.throttledUntil = Caffeine.newBuilder().maximumSize(MAX_CLIENTS).expireAfterWrite(config.throttleFor()).build();
    }

    /** Counts one answer to {@code client}; returns the alert it raises, or null. */
    public AnomalyAlert record(String client, int status) {
        if (client == null || client.isEmpty()) return null;
        Instant now = clock.instant();
        ClientCounts counts = clients.get(client, k -> new ClientCounts((int) Math.max(1, config.window().toSeconds())));
        String kind;
        int count;
        synchronized (counts) {
            long second = now.getEpochSecond();
            kind = null;
            count = 0;
            int n = counts.requests.add(second);
            if (config.requests() > 0 && n >= config.requests() && counts.mayAlert("requests", second)) {
                kind = "requests";
                count = n;
            }
            if (status == 401 || status == 403) {
                n = counts.authFailures.add(second);
                if (config.authFailures() > 0 && n >= config.authFailures() && counts.mayAlert("auth_failures", second)) {
                    kind = "auth_failures";
                    count = n;
                }
            } else if (status == 404) {
                n = counts.notFound.add(second);
                if (config.notFound() > 0 && n >= config.notFound() && counts.mayAlert("not_found", second)) {
                    kind = "not_found";
                    count = n;
                }
            }
        }
        if (kind == null) return null;
        if (config.throttle()) throttledUntil.put(client, now.plus(config.throttleFor()));
        return new AnomalyAlert(now, kind, client, count, config.window(), config.throttle());
    }

    /**
     * The refusal for a throttled client (429 with Retry-After), or null when it is not throttled (or the policy only
     * monitors: a refusal not enforced would stand in for the real decision, masking included).
     */
    public Decision refusal(String client) {
        if (client == null || !config.throttle() || !enforce) return null;
        Instant until = throttledUntil.getIfPresent(client);
        if (until == null) return null;
        long seconds = Duration.between(clock.instant(), until).toSeconds();
        if (seconds < 0) return null;
        return new Decision(null, Caller.ANONYMOUS, THROTTLED, true, "deny:anomaly",
                List.of("Retry-After", Long.toString(Math.max(1, seconds))), null, RequestEdits.NONE, null);
    }

    /** One client's counts, and when each signal last alerted (one alert per window and signal). */
    private static final class ClientCounts {
        final SlidingCount requests;
        final SlidingCount authFailures;
        final SlidingCount notFound;
        private final int windowSeconds;
        private long requestsAlerted = Long.MIN_VALUE;
        private long authAlerted = Long.MIN_VALUE;
        private long notFoundAlerted = Long.MIN_VALUE;

        ClientCounts(int windowSeconds) {
            this.windowSeconds = windowSeconds;
            this.requests = new SlidingCount(windowSeconds);
            this.authFailures = new SlidingCount(windowSeconds);
            this.notFound = new SlidingCount(windowSeconds);
        }

        boolean mayAlert(String kind, long second) {
            long last = switch (kind) {
                case "requests" -> requestsAlerted;
                case "auth_failures" -> authAlerted;
                default -> notFoundAlerted;
            };
            if (last != Long.MIN_VALUE && second - last < windowSeconds) return false;
            switch (kind) {
                case "requests" -> requestsAlerted = second;
                case "auth_failures" -> authAlerted = second;
                default -> notFoundAlerted = second;
            }
            return true;
        }
    }
}
