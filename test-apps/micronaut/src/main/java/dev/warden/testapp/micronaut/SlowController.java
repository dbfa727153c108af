package dev.warden.testapp.micronaut;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow handler that counts how many of its calls run at once, so the tests can see a concurrency cap from the
 * inside: {@code GET /api/debug/slow?ms=N} sleeps N ms (at most 30 s); {@code GET /api/debug/concurrency} reports
 * the calls in flight and the most ever in flight.
 */
@Controller("/api/debug")
public class SlowController {

    private static final long MAX_MS = 30_000;

    private final HandledCounter handled;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public SlowController(HandledCounter handled) {
        this.handled = handled;
    }

    /**
     * Sleeping blocks, so it runs on Micronaut's blocking executor (virtual threads on JDK 21+, its I/O pool
     * before), never on the Netty event loop.
     */
    @Get("/slow")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Map<String, Long> slow(@QueryValue(defaultValue = "1000") long ms) throws InterruptedException {
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

    /** Not counted in handled: it only reports. */
    @Get("/concurrency")
    public Map<String, Integer> concurrency() {
        Map<String, Integer> body = new LinkedHashMap<>();
        body.put("inFlight", inFlight.get());
        body.put("maxInFlight", maxInFlight.get());
        return body;
    }
}
