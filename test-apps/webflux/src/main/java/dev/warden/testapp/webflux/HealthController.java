package dev.warden.testapp.webflux;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Liveness probe that test harnesses poll until the app is up (no actuator, to stay small). */
@RestController
public class HealthController {

    private final HandledCounter handled;

    public HealthController(HandledCounter handled) {
        this.handled = handled;
    }

    @GetMapping("/health")
    public Mono<Map<String, String>> health() {
        handled.increment();
        return Mono.just(Map.of("status", "UP"));
    }
}
