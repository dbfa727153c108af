package dev.warden.testapp.undertowjsonb;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import jakarta.json.bind.JsonbException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Set;
import org.eclipse.yasson.YassonJsonb;

/**
 * The customer API: {@code /api/customers} and everything below it. Its endpoints produce JSON in the ways Warden
 * has to cope with on Undertow:
 * <ul>
 *   <li>Java objects serialized by {@code jsonb.toJson(object, exchange.getOutputStream())} on a worker thread
 *       ({@code GET /api/customers}, {@code GET /api/customers/{id}}, {@code POST /api/customers});</li>
 *   <li>pre-serialized bytes sent with their exact length, no JSON library involved, straight from the IO thread
 *       through Undertow's non-blocking Sender ({@code GET /api/customers/{id}/raw});</li>
 *   <li>a JSON-P {@link JsonGenerator} the application creates on the output stream, records written into it one by
 *       one by Yasson and flushed every {@value #FLUSH_EVERY} ({@code GET /api/customers/export}).</li>
 * </ul>
 * As in spring-mvc, the literal {@code /export} wins over {@code {id}}, and a trailing slash matches nothing.
 */
final class CustomerEndpoint extends Endpoint {

    static final String PATH = "/api/customers";

    /** Upper bound on export size: large enough for load tests, small enough to reject typos. */
    static final long MAX_EXPORT = 10_000_000L;
    /** Records written between explicit flushes of the export stream. */
    static final int FLUSH_EVERY = 500;

    private static final JsonProvider JSON_P = JsonProvider.provider();

    private final CustomerStore store;

    CustomerEndpoint(AppContext app, CustomerStore store) {
        super(app);
        this.store = store;
    }

    /** Where a request below /api/customers goes. */
    private sealed interface Route permits All, Export, One, Raw {
    }

    private record All() implements Route {
    }

    private record Export() implements Route {
    }

    private record One(String id) implements Route {
    }

    private record Raw(String id) implements Route {
    }

    /** The route for the (canonical, decoded) path, or null for a path the API does not have. */
    private static Route route(String path) {
        String rest = path.substring(PATH.length());
        if (rest.isEmpty()) {
            return new All();
        }
        String[] segments = rest.substring(1).split("/", -1);
        if (segments.length == 1 && segments[0].equals("export")) {
            return new Export();
        }
        if (segments.length == 1 && !segments[0].isEmpty()) {
            return new One(segments[0]);
        }
        if (segments.length == 2 && !segments[0].isEmpty() && segments[1].equals("raw")) {
            return new Raw(segments[0]);
        }
        return null;
    }

    /** {@code GET /api/customers/{id}/raw} needs no blocking: it is answered on the IO thread; the rest on a worker. */
    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String method = exchange.getRequestMethod().toString();
        if (exchange.isInIoThread() && (method.equals("GET") || method.equals("HEAD"))
                && route(exchange.getAttachment(ServletStylePaths.PATH)) instanceof Raw raw) {
            raw(raw.id(), exchange);
            return;
        }
        super.handleRequest(exchange);
    }

    @Override
    protected Set<String> methods(Call call) {
        Route route = route(call.path());
        if (route == null) {
            return null;
        }
        return route instanceof All ? Set.of("GET", "POST") : Set.of("GET");
    }

    @Override
    protected void doGet(Call call) throws IOException {
        Route route = route(call.path());
        if (route instanceof All) {
            handled.increment();
            call.writeJson(200, store.fixture());
        } else if (route instanceof One one) {
            get(one.id(), call);
        } else if (route instanceof Export) {
            export(longParam(call, "count", 10), call);
        } else {
            call.sendError(404);
        }
    }

    private void get(String id, Call call) throws IOException {
        handled.increment();
        CustomerStore.Stored stored = store.find(id).orElse(null);
        if (stored == null) {
            call.sendEmpty(404); // no body, as spring-mvc's ResponseEntity.of(empty)
            return;
        }
        call.writeJson(200, stored.customer());
    }

    /**
     * The record's stored JSON bytes with their exact length, what JSON-B would have produced minus JSON-B, sent by
     * the non-blocking Sender (which sets the Content-Length and ends the exchange once the bytes are out).
     */
    private void raw(String id, HttpServerExchange exchange) {
        handled.increment();
        CustomerStore.Stored stored = store.find(id).orElse(null);
        if (stored == null) {
            exchange.setStatusCode(404);
            exchange.setResponseContentLength(0);
            exchange.endExchange();
            return;
        }
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(stored.json()));
    }

    /**
     * Streams {@code count} generated customers as one JSON array: a JSON-P generator created directly on the
     * exchange's output stream (no buffering of the whole array), records made and written into it one by one by
     * Yasson, the output flushed every {@value #FLUSH_EVERY} records, so memory use does not grow with {@code count}.
     */
    private void export(long count, Call call) throws IOException {
        handled.increment();
        if (count < 0 || count > MAX_EXPORT) {
            call.sendError(400);   // "count must be between 0 and MAX_EXPORT": like the others, the body has no message
            return;
        }
        BatchFlushStream body = new BatchFlushStream(call.send(200, "application/json", Call.UNKNOWN_LENGTH));
        YassonJsonb jsonb = (YassonJsonb) call.jsonb();
        try (JsonGenerator generator = JSON_P.createGenerator(body)) {
            generator.writeStartArray();
            for (long n = 1; n <= count; n++) {
                jsonb.toJson(CustomerGenerator.customer(n), generator);
                if (n % FLUSH_EVERY == 0) {
                    generator.flush();
                    body.flushNow();
                }
            }
            generator.writeEnd();
        }
    }

    /** Stores the posted customer under a new id and echoes it back, 201 (the client's id is ignored). */
    @Override
    protected void doPost(Call call) throws IOException {
        // As Spring's @RequestBody: a JSON media type, then a readable body, before the handler counts.
        if (!isJson(call.requestContentType())) {
            call.sendError(415);
            return;
        }
        Customer body;
        try (InputStream in = call.exchange().getInputStream()) {
            body = call.jsonb().fromJson(in, Customer.class);
        } catch (JsonbException e) {
            body = null;
        }
        if (body == null) {
            call.sendError(400);
            return;
        }
        handled.increment();
        Customer created = store.create(body);
        call.setHeader("Location", PATH + "/" + created.id());
        call.writeJson(201, created);
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
