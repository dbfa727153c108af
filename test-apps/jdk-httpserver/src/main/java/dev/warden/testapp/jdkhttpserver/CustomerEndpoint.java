package dev.warden.testapp.jdkhttpserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/**
 * The customer API: {@code /api/customers} and everything below it. Its endpoints produce JSON in the three ways
 * Warden has to cope with:
 * <ul>
 *   <li>Java objects serialized by {@code mapper.writeValue(exchange.getResponseBody(), object)}
 *       ({@code GET /api/customers}, {@code GET /api/customers/{id}}, {@code POST /api/customers});</li>
 *   <li>pre-serialized bytes written straight to the response body with their exact length, no JSON library
 *       involved ({@code GET /api/customers/{id}/raw});</li>
 *   <li>a Jackson 3 {@link JsonGenerator} created on the response body streaming a large array with periodic
 *       flushes ({@code GET /api/customers/export}).</li>
 * </ul>
 * As in spring-mvc, the literal {@code /export} wins over {@code {id}}, and a trailing slash matches nothing.
 */
final class CustomerEndpoint extends Endpoint {

    static final String PATH = "/api/customers";

    /** Upper bound on export size: large enough for load tests, small enough to reject typos. */
    static final long MAX_EXPORT = 10_000_000L;
    /** Records written between explicit flushes of the export stream. */
    static final int FLUSH_EVERY = 500;

    private final CustomerStore store;

    CustomerEndpoint(HandledCounter handled, CustomerStore store) {
        super(handled);
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

    /** Whether {@code path} is this endpoint's ({@code /api/customers} or below it), as a servlet mapping {@code /api/customers/*}. */
    static boolean serves(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    /** The route for the (canonical, decoded) path, or null for a path the API does not have. */
    private static Route route(Call call) {
        String rest = call.path().substring(PATH.length());
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

    @Override
    protected Set<String> methods(Call call) {
        Route route = route(call);
        if (route == null) {
            return null;
        }
        return route instanceof All ? Set.of("GET", "POST") : Set.of("GET");
    }

    @Override
    protected void doGet(Call call) throws IOException {
        Route route = route(call);
        if (route instanceof All) {
            handled.increment();
            call.writeJson(200, store.fixture());
        } else if (route instanceof One one) {
            get(one.id(), call);
        } else if (route instanceof Raw raw) {
            raw(raw.id(), call);
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

    /** The record's stored JSON bytes, written by hand with their exact length: what Jackson would have produced, minus Jackson. */
    private void raw(String id, Call call) throws IOException {
        handled.increment();
        CustomerStore.Stored stored = store.find(id).orElse(null);
        if (stored == null) {
            call.sendEmpty(404);
            return;
        }
        byte[] json = stored.json();
        try (OutputStream out = call.send(200, "application/json", json.length)) {
            out.write(json);
            out.flush();
        }
    }

    /**
     * Streams {@code count} generated customers as one JSON array: a JsonGenerator from the application's mapper
     * created directly on the exchange's response body (chunked; no buffering of the whole array), records made and
     * written one by one, the output flushed every {@value #FLUSH_EVERY} records, so memory use does not grow with
     * {@code count}.
     */
    private void export(long count, Call call) throws IOException {
        handled.increment();
        if (count < 0 || count > MAX_EXPORT) {
            call.sendError(400);   // "count must be between 0 and MAX_EXPORT": like the others, the body has no message
            return;
        }
        OutputStream body = call.send(200, "application/json", Call.UNKNOWN_LENGTH);
        try (JsonGenerator generator = call.mapper().createGenerator(body)) {
            generator.writeStartArray();
            for (long n = 1; n <= count; n++) {
                // FLUSH_AFTER_WRITE_VALUE is off (see Application), so this does not flush by itself.
                call.mapper().writeValue(generator, CustomerGenerator.customer(n));
                if (n % FLUSH_EVERY == 0) {
                    generator.flush();
                }
            }
            generator.writeEndArray();
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
        try (InputStream in = call.exchange().getRequestBody()) {
            body = call.mapper().readValue(in, Customer.class);
        } catch (JacksonException e) {
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
