package dev.warden.policy;

import dev.warden.policy.model.AnomalyConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The policy's {@code anomalies:} key:
 * {@code { window: 10s, authFailures: 20, notFound: 50, requests: 0, action: alert | throttle, throttleFor: 5m }}.
 */
final class AnomalyParser {

    private static final Set<String> ANOMALIES = Set.of("window", "authFailures", "notFound", "requests", "action",
            "throttleFor");

    private final YamlReader in;

    AnomalyParser(YamlReader in) {
        this.in = in;
    }

    AnomalyConfig anomalies(Node node) {
        Map<String, Node> a = in.fields(node, "anomalies", ANOMALIES);
        Duration window = a.containsKey("window") ? in.duration(a.get("window"), "anomalies.window") : Duration.ofMinutes(1);
        if (window != null && window.toSeconds() < 1) {
            in.error(a.get("window"), "anomalies.window must be at least 1s: counts are kept per second");
            window = null;
        }
        int authFailures = threshold(a, "authFailures");
        int notFound = threshold(a, "notFound");
        int requests = threshold(a, "requests");
        if (authFailures == 0 && notFound == 0 && requests == 0 && !a.isEmpty()) {
            in.error(node, "anomalies watches nothing: set at least one of authFailures, notFound or requests to a "
                    + "number of answers per window (e.g. authFailures: 20)");
        }
        boolean throttle = false;
        if (a.containsKey("action")) {
            String action = in.string(a.get("action"), "anomalies.action");
            if ("throttle".equals(action)) throttle = true;
            else if (action != null && !"alert".equals(action)) {
                in.error(a.get("action"), "anomalies.action must be 'alert' (an audit line) or 'throttle' (an alert, then "
                        + "429 for throttleFor), not '" + action + "'");
            }
        }
        Duration throttleFor = a.containsKey("throttleFor") ? in.duration(a.get("throttleFor"), "anomalies.throttleFor")
                : Duration.ofMinutes(5);
        if (window == null || throttleFor == null) return null;
        return new AnomalyConfig(window, authFailures, notFound, requests, throttle, throttleFor);
    }

    private int threshold(Map<String, Node> a, String key) {
        if (!a.containsKey(key)) return 0;
        Long n = in.integer(a.get(key), "anomalies." + key, 0, 1_000_000_000L);
        return n == null ? 0 : n.intValue();
    }
}
