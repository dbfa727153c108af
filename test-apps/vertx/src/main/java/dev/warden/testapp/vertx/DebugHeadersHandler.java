package dev.warden.testapp.vertx;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/debug/headers}: shows the tests which request headers reached the application: what Warden removed
 * (credentials, spoofed identity headers) and what it added (the forwarded identity).
 */
final class DebugHeadersHandler implements Handler<RoutingContext> {

    private final HandledCounter handled;

    DebugHeadersHandler(HandledCounter handled) {
        this.handled = handled;
    }

    /**
     * The request headers as the application sees them: lower-case name to the list of its values, names in the order
     * received, each header's values in the order received. Names that differ only in case are one header.
     * {@code X-App-Thread} says which kind of thread ran the handler (an event loop: platform).
     */
    @Override
    public void handle(RoutingContext ctx) {
        handled.increment();
        JsonObject headers = new JsonObject();
        for (Map.Entry<String, String> header : ctx.request().headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            JsonArray values = headers.getJsonArray(name);
            if (values == null) {
                values = new JsonArray();
                headers.put(name, values);
            }
            values.add(header.getValue());
        }
        ctx.response().putHeader("X-App-Thread", threadKind());
        ctx.json(headers);
    }

    /** "virtual" or "platform": the kind of thread serving this request (virtual threads need JDK 21+). */
    static String threadKind() {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()) ? "virtual" : "platform";
        } catch (ReflectiveOperationException e) {
            return "platform";
        }
    }
}
