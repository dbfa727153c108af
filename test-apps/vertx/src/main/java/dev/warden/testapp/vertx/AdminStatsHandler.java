package dev.warden.testapp.vertx;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/admin/stats}: {@code {"customers":3,"handled":n}} (in that order) for the tests, on an "admin" path
 * so policies can protect it apart. Only reads the counter: asking for it must not change it.
 */
final class AdminStatsHandler implements Handler<RoutingContext> {

    private final HandledCounter handled;
    private final CustomerStore store;

    AdminStatsHandler(HandledCounter handled, CustomerStore store) {
        this.handled = handled;
        this.store = store;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.json(new JsonObject().put("customers", store.fixtureSize()).put("handled", handled.get()));
    }
}
