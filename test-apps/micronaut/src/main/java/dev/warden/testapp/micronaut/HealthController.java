package dev.warden.testapp.micronaut;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;

/** Liveness probe that test harnesses poll until the app is up (no micronaut-management, to stay small). */
@Controller
public class HealthController {

    private final HandledCounter handled;

    public HealthController(HandledCounter handled) {
        this.handled = handled;
    }

    @Get("/health")
    public Map<String, String> health() {
        handled.increment();
        return Map.of("status", "UP");
    }
}
