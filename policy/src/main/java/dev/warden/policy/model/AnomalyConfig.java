package dev.warden.policy.model;

import java.time.Duration;

/**
 * Per-client anomaly detection ({@code anomalies:} in the policy): counts per client over a sliding window; a count
 * reaching its threshold raises an alert (0 turns that signal off).
 *
 * @param window       the sliding window
 * @param authFailures 401 and 403 answers to one client in the window (credential stuffing, probing)
 * @param notFound     404 answers to one client in the window (object-id enumeration)
 * @param requests     requests of one client in the window (a spike in the volume it takes)
 * @param throttle     whether an alerted client is refused (429) until {@code throttleFor} has passed
 * @param throttleFor  how long an alerted client is refused when {@code throttle}
 */
public record AnomalyConfig(Duration window, int authFailures, int notFound, int requests, boolean throttle,
                            Duration throttleFor) {
}
