package dev.warden.policy.anomaly;

import java.time.Duration;
import java.time.Instant;

/**
 * One client crossed a threshold.
 *
 * @param kind      auth_failures, not_found or requests
 * @param client    the client address
 * @param count     how many in the window when the threshold was reached
 * @param window    the window
 * @param throttled whether the client is now refused for a while
 */
public record AnomalyAlert(Instant time, String kind, String client, int count, Duration window, boolean throttled) {
}
