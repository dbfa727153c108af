package dev.warden.testapp.legacyjavax;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A slow handler that counts how many of its calls run at once, so the tests can see a concurrency cap from the
 * inside: {@code GET /api/debug/slow?ms=N} sleeps N ms (at most 30 s); {@code GET /api/debug/concurrency} reports
 * the calls in flight and the most ever in flight.
 */
@RestController
public class SlowController {

    private static final long MAX_MS = 30_000;

    private final HandledCounter handled;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public SlowController(HandledCounter handled) {
        this.handled = handled;
    }

    @GetMapping("/api/debug/slow")
    public Map<String, Long> slow(@RequestParam(defaultValue = "1000") long ms) throws InterruptedException {
        handled.increment();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(Math.max(0, Math.min(ms, MAX_MS)));
            return Map.of("slept", ms);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @GetMapping("/api/debug/concurrency")
    public Map<String, Integer> concurrency() {
        return Map.of("inFlight", inFlight.get(), "maxInFlight", maxInFlight.get());
    }
}
