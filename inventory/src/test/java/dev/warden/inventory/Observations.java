package dev.warden.inventory;

import java.time.Instant;
import java.util.List;

/** Observations for tests: an allowed request served by the application unless said otherwise. */
final class Observations {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private Observations() {
    }

    static Observation served(String method, String path, String template, String route, int status) {
        return new Observation(T0, method, path, template, route, route == null ? List.of() : List.of("apiKey"), true,
                "allow", status, null);
    }

    static Observation served(String method, String path, String template, String route, int status, ResponseSample sample) {
        return new Observation(T0, method, path, template, route, route == null ? List.of() : List.of("apiKey"), true,
                "allow", status, sample);
    }

    static Observation refused(String method, String path, String route, String decision, int status) {
        return new Observation(T0.plusSeconds(1), method, path, null, route, List.of(), false, decision, status, null);
    }

    static ResponseSample sampleOf(Inventory inventory, String method, String path, String json) {
        ResponseSample s = inventory.sample(method, path);
        if (s == null) throw new AssertionError("not sampled: " + method + " " + path);
        byte[] b = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        s.feed(b, 0, b.length);
        s.end();
        return s;
    }
}
