package dev.warden.testapp.vertx;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /health}: the liveness probe that test harnesses poll until the app is up. */
final class HealthHandler implements Handler<RoutingContext> {

    private final HandledCounter handled;

    HealthHandler(HandledCounter handled) {
        this.handled = handled;
    }

    @Override
    public void handle(RoutingContext ctx) {
        handled.increment();
        ctx.json(new JsonObject().put("status", "UP"));
    }
}
