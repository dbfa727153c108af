package dev.warden.testapp.undertowjsonb;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow handler that counts how many of its calls run at once, so the tests can see a concurrency cap from the
 * inside: {@code GET /api/debug/slow?ms=N} sleeps N ms (at most 30 s); {@code GET /api/debug/concurrency} (the
 * {@link Concurrency} endpoint, sharing the counters) reports the calls in flight and the most ever in flight.
 */
final class SlowEndpoint extends Endpoint {

    private static final long MAX_MS = 30_000;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    SlowEndpoint(AppContext app) {
        super(app);
    }

    @Override
    protected Set<String> methods(Call call) {
        return Set.of("GET");
    }

    @Override
    protected void doGet(Call call) throws IOException {
        long ms = longParam(call, "ms", 1000);
        handled.increment();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(Math.max(0, Math.min(ms, MAX_MS)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sleeping");
        } finally {
            inFlight.decrementAndGet();
        }
        call.writeJson(200, Map.of("slept", ms));
    }

    /** {@code GET /api/debug/concurrency}: {"inFlight":n,"maxInFlight":m} of the slow endpoint (not counted). */
    final class Concurrency extends Endpoint {

        Concurrency() {
            super(SlowEndpoint.this.app);
        }

        @Override
        protected Set<String> methods(Call call) {
            return Set.of("GET");
        }

        @Override
        protected void doGet(Call call) throws IOException {
            Map<String, Integer> body = new LinkedHashMap<>();
            body.put("inFlight", inFlight.get());
            body.put("maxInFlight", maxInFlight.get());
            call.writeJson(200, body);
        }
    }
}
