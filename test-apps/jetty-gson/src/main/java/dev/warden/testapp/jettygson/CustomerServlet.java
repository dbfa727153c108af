package dev.warden.testapp.jettygson;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The customer API, mapped to {@code /api/customers/*}. Its endpoints produce JSON in the three ways Warden has to
 * cope with:
 * <ul>
 *   <li>Java objects serialized by {@code gson.toJson(object, response.getWriter())}
 *       ({@code GET /api/customers}, {@code GET /api/customers/{id}}, {@code POST /api/customers});</li>
 *   <li>pre-serialized bytes written straight to the servlet stream, no JSON library involved
 *       ({@code GET /api/customers/{id}/raw});</li>
 *   <li>a Gson {@link JsonWriter} on the response writer streaming a large array with periodic flushes
 *       ({@code GET /api/customers/export}).</li>
 * </ul>
 * As in spring-mvc, the literal {@code /export} wins over {@code {id}}, and a trailing slash matches nothing.
 */
final class CustomerServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;

    /** Upper bound on export size: large enough for load tests, small enough to reject typos. */
    static final long MAX_EXPORT = 10_000_000L;
    /** Records written between explicit flushes of the export stream. */
    static final int FLUSH_EVERY = 500;

    private final transient CustomerStore store;

    CustomerServlet(Gson gson, HandledCounter handled, CustomerStore store) {
        super(gson, handled);
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

    /** The route for the (decoded) path below /api/customers, or null for a path the API does not have. */
    private static Route route(HttpServletRequest request) {
        String rest = request.getPathInfo();
        if (rest == null) {
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
    protected Set<String> methods(HttpServletRequest request) {
        Route route = route(request);
        if (route == null) {
            return null;
        }
        return route instanceof All ? Set.of("GET", "POST") : Set.of("GET");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Route route = route(request);
        if (route instanceof All) {
            handled.increment();
            String serializer = request.getParameter("serializer");
            if (serializer != null && serializer.startsWith("jsonb")) {
                JsonbOutput.write(response, store.fixture(), serializer.equals("jsonb-writer"));
                return;
            }
            writeJson(response, HttpServletResponse.SC_OK, store.fixture());
        } else if (route instanceof One one) {
            get(one.id(), response);
        } else if (route instanceof Raw raw) {
            raw(raw.id(), response);
        } else if (route instanceof Export) {
            export(longParam(request, "count", 10), response);
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void get(String id, HttpServletResponse response) throws IOException {
        handled.increment();
        CustomerStore.Stored stored = store.find(id).orElse(null);
        if (stored == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND); // no body, as spring-mvc's ResponseEntity.of(empty)
            return;
        }
        writeJson(response, HttpServletResponse.SC_OK, stored.customer());
    }

    /** The record's stored JSON bytes, written by hand: what Gson would have produced, minus Gson. */
    private void raw(String id, HttpServletResponse response) throws IOException {
        handled.increment();
        CustomerStore.Stored stored = store.find(id).orElse(null);
        if (stored == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] json = stored.json();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setContentLength(json.length);
        OutputStream out = response.getOutputStream();
        out.write(json);
        out.flush();
    }

    /**
     * Streams {@code count} generated customers as one JSON array: a JsonWriter from {@code gson.newJsonWriter} on the
     * response writer (no buffering of the whole array), records made and written one by one, the output flushed
     * every {@value #FLUSH_EVERY} records, so memory use does not grow with {@code count}.
     */
    private void export(long count, HttpServletResponse response) throws IOException {
        handled.increment();
        if (count < 0 || count > MAX_EXPORT) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "count must be between 0 and " + MAX_EXPORT);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        try (JsonWriter writer = gson.newJsonWriter(response.getWriter())) {
            writer.beginArray();
            for (long n = 1; n <= count; n++) {
                gson.toJson(CustomerGenerator.customer(n), Customer.class, writer);
                if (n % FLUSH_EVERY == 0) {
                    writer.flush();
                }
            }
            writer.endArray();
        }
    }

    /** Stores the posted customer under a new id and echoes it back, 201 (the client's id is ignored). */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // As Spring's @RequestBody: a JSON media type, then a readable body, before the handler counts.
        if (!isJson(request.getContentType())) {
            response.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        Customer body;
        try (Reader in = new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8)) {
            body = gson.fromJson(in, Customer.class);
        } catch (JsonParseException e) {
            body = null;
        }
        if (body == null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        handled.increment();
        Customer created = store.create(body);
        response.setHeader("Location", "/api/customers/" + created.id());
        writeJson(response, HttpServletResponse.SC_CREATED, created);
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
