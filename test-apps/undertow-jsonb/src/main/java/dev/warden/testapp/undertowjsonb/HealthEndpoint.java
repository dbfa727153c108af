package dev.warden.testapp.undertowjsonb;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** {@code GET /health}: the liveness probe that test harnesses poll until the app is up. */
final class HealthEndpoint extends Endpoint {

    HealthEndpoint(AppContext app) {
        super(app);
    }

    @Override
    protected Set<String> methods(Call call) {
        return Set.of("GET");
    }

    @Override
    protected void doGet(Call call) throws IOException {
        handled.increment();
        call.writeJson(200, Map.of("status", "UP"));
    }
}
