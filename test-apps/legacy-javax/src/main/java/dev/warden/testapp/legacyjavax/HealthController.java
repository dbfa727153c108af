package dev.warden.testapp.legacyjavax;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Liveness probe that test harnesses poll until the app is up (no actuator, to stay small). */
@RestController
public class HealthController {

    private final HandledCounter handled;

    public HealthController(HandledCounter handled) {
        this.handled = handled;
    }

    @GetMapping("/health")
    public Map<String, String> health() {
        handled.increment();
        return Map.of("status", "UP");
    }
}
