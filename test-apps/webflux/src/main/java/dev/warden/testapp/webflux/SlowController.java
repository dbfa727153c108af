package dev.warden.testapp.webflux;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A slow handler that counts how many of its calls run at once, so the tests can see a concurrency cap from the
 * inside: {@code GET /api/debug/slow?ms=N} answers after N ms (at most 30 s); {@code GET /api/debug/concurrency}
 * reports the calls in flight and the most ever in flight.
 *
 * <p>The wait is a timer ({@link Mono#delay}), not a sleep: no event-loop thread is held, and the answer is written
 * from Reactor's timer thread. A call is in flight from subscription until it completes, fails or is cancelled
 * (the client went away).
 */
@RestController
public class SlowController {

    private static final long MAX_MS = 30_000;

    /** Response body of {@code /api/debug/concurrency}, in this property order. */
    public record Concurrency(int inFlight, int maxInFlight) {
    }

    private final HandledCounter handled;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public SlowController(HandledCounter handled) {
        this.handled = handled;
    }

    @GetMapping("/api/debug/slow")
    public Mono<Map<String, Long>> slow(@RequestParam(defaultValue = "1000") long ms) {
        handled.increment();
        return Mono.defer(() -> {
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    return Mono.delay(Duration.ofMillis(Math.max(0, Math.min(ms, MAX_MS))));
                })
                .map(tick -> Map.of("slept", ms))
                .doFinally(signal -> inFlight.decrementAndGet());
    }

    @GetMapping("/api/debug/concurrency")
    public Mono<Concurrency> concurrency() {
        return Mono.fromSupplier(() -> new Concurrency(inFlight.get(), maxInFlight.get()));
    }
}
