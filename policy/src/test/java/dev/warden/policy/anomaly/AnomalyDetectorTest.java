package dev.warden.policy.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.warden.policy.engine.Decision;
import dev.warden.policy.model.AnomalyConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        public Clock withZone(java.time.ZoneId zone) { return this; }
        public Instant instant() { return now; }
    }

    private static AnomalyConfig config(boolean throttle) {
        return new AnomalyConfig(Duration.ofSeconds(10), 20, 5, 0, throttle, Duration.ofMinutes(2));
    }

    @Test
    void authFailuresOverTheThresholdAlertOncePerWindowAndOnlyForThatClient() {
        TestClock clock = new TestClock();
        AnomalyDetector d = new AnomalyDetector(config(false), true, clock);
        AnomalyAlert alert = null;
        for (int i = 1; i <= 50; i++) {
            clock.now = clock.now.plusMillis(150); // 50 in 7.5 s
            AnomalyAlert a = d.record("10.0.0.9", i % 2 == 0 ? 401 : 403);
            if (i < 20) assertNull(a, "alert before the threshold, at " + i);
            if (i == 20) alert = a;
            if (i > 20) assertNull(a, "a second alert in the same window, at " + i);
            assertNull(d.record("10.0.0.1", 200));
        }
        assertNotNull(alert);
        assertEquals("auth_failures", alert.kind());
        assertEquals("10.0.0.9", alert.client());
        assertEquals(20, alert.count());
        assertNull(d.refusal("10.0.0.9"), "action alert: nobody is refused");
    }

    @Test
    void failuresSpreadBeyondTheWindowNeverAlert() {
        TestClock clock = new TestClock();
        AnomalyDetector d = new AnomalyDetector(config(false), true, clock);
        for (int i = 0; i < 100; i++) {
            clock.now = clock.now.plusSeconds(1); // 1 a second: never 20 in 10 s
            assertNull(d.record("10.0.0.9", 401));
        }
    }

    @Test
    void throttleRefusesTheClientUntilThrottleForHasPassed() {
        TestClock clock = new TestClock();
        AnomalyDetector d = new AnomalyDetector(config(true), true, clock);
        for (int i = 0; i < 5; i++) d.record("10.0.0.9", 404);
        Decision refusal = d.refusal("10.0.0.9");
        assertNotNull(refusal, "enumeration throttled");
        assertEquals(429, refusal.problem().status());
        assertEquals("deny:anomaly", refusal.reason());
        assertEquals("120", refusal.headers().get(1));
        assertNull(d.refusal("10.0.0.1"));
        clock.now = clock.now.plusSeconds(121);
        assertNull(d.refusal("10.0.0.9"), "free again after throttleFor");
    }

    @Test
    void monitorModeAlertsButNeverRefuses() {
        TestClock clock = new TestClock();
        AnomalyDetector d = new AnomalyDetector(config(true), false, clock);
        AnomalyAlert last = null;
        for (int i = 0; i < 5; i++) last = d.record("10.0.0.9", 404);
        assertNotNull(last);
        assertNull(d.refusal("10.0.0.9"));
    }
}
