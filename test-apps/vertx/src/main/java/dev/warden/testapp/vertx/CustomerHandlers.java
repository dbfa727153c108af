package dev.warden.testapp.vertx;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The customer API under {@code /api/customers}. Its endpoints produce JSON in the three ways Warden has to cope with:
 * <ul>
 *   <li>Vert.x JSON objects encoded by {@code ctx.json(...)} ({@link #list}, {@link #get}, {@link #create});</li>
 *   <li>pre-serialized bytes sent as they are, with their exact length, no JSON library involved ({@link #raw});</li>
 *   <li>a large array streamed in chunks with back-pressure ({@link #export}).</li>
 * </ul>
 */
final class CustomerHandlers {

    static final String PATH = "/api/customers";

    /** Upper bound on export size: large enough for load tests, small enough to reject typos. */
    static final long MAX_EXPORT = 10_000_000L;

    private final HandledCounter handled;
    private final CustomerStore store;

    CustomerHandlers(HandledCounter handled, CustomerStore store) {
        this.handled = handled;
        this.store = store;
    }

    /** {@code GET /api/customers}: the fixture records. */
    void list(RoutingContext ctx) {
        handled.increment();
        JsonArray customers = new JsonArray();
        store.fixture().forEach(c -> customers.add(c.toJson()));
        ctx.json(customers);
    }

    /** {@code GET /api/customers/:id}: the record, or 404 with no body (as spring-mvc's ResponseEntity.of(empty)). */
    void get(RoutingContext ctx) {
        handled.increment();
        store.find(ctx.pathParam("id")).ifPresentOrElse(
                stored -> ctx.json(stored.customer().toJson()),
                () -> ctx.response().setStatusCode(404).end());
    }

    /**
     * {@code GET /api/customers/:id/raw}: the record's stored JSON bytes, sent as they are with their exact length:
     * what Vert.x JSON would have produced, minus Vert.x JSON.
     */
    void raw(RoutingContext ctx) {
        handled.increment();
        store.find(ctx.pathParam("id")).ifPresentOrElse(
                stored -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(stored.json()),
                () -> ctx.response().setStatusCode(404).end());
    }

    /** {@code GET /api/customers/export?count=N}: N generated customers as one JSON array, streamed. */
    void export(RoutingContext ctx) {
        long count = QueryParams.longParam(ctx, "count", 10);
        handled.increment();
        if (count < 0 || count > MAX_EXPORT) {
            ctx.fail(400);   // "count must be between 0 and MAX_EXPORT": like the others, the body has no message
            return;
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        StreamingBody.send(ctx.vertx().getOrCreateContext(), ctx.response(), new ExportChunks(count));
    }

    /**
     * {@code POST /api/customers}: stores the posted customer under a new id and echoes it back, 201 (the client's id
     * is ignored). A body that is not a JSON object of the customer's shape is 400.
     */
    void create(RoutingContext ctx) {
        // As Spring's @RequestBody: a JSON media type, then a readable body, before the handler counts.
        if (!isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            ctx.fail(415);
            return;
        }
        Customer body;
        try {
            JsonObject json = ctx.body().asJsonObject();
            body = json == null ? null : Customer.fromJson(json);
        } catch (DecodeException | ClassCastException e) {
            body = null;
        }
        if (body == null) {
            ctx.fail(400);
            return;
        }
        handled.increment();
        Customer created = store.create(body);
        ctx.response().setStatusCode(201).putHeader(HttpHeaders.LOCATION, PATH + "/" + created.id());
        ctx.json(created.toJson());
    }

    /** application/json or application/*+json, any parameters. */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }
}
