package dev.warden.testapp.vertx;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow endpoint that counts how many of its calls are in progress at once, so the tests can see a concurrency cap
 * from the inside: {@code GET /api/debug/slow?ms=N} answers after N ms (at most 30 s) without blocking the event
 * loop (a Vert.x timer); {@code GET /api/debug/concurrency} reports the calls in flight and the most ever in flight.
 */
final class SlowHandlers {

    private static final long MAX_MS = 30_000;

    private final Vertx vertx;
    private final HandledCounter handled;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    SlowHandlers(Vertx vertx, HandledCounter handled) {
        this.vertx = vertx;
        this.handled = handled;
    }

    /** {@code {"slept":N}} after N ms; a call stays in flight for its whole delay even if the client goes away. */
    void slow(RoutingContext ctx) {
        long ms = QueryParams.longParam(ctx, "ms", 1000);
        handled.increment();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        long delay = Math.max(1, Math.min(ms, MAX_MS));   // a Vert.x timer takes 1 ms at least
        vertx.setTimer(delay, timer -> {
            inFlight.decrementAndGet();
            ctx.json(new JsonObject().put("slept", ms));
        });
    }

    /** {@code {"inFlight":n,"maxInFlight":m}} of the slow endpoint (not counted in handled). */
    void concurrency(RoutingContext ctx) {
        ctx.json(new JsonObject().put("inFlight", inFlight.get()).put("maxInFlight", maxInFlight.get()));
    }
}
