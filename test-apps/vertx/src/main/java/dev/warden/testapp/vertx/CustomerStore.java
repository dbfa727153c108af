package dev.warden.testapp.vertx;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-memory customers: the three fixture records from {@code fixture.json} plus any POSTed ones.
 *
 * <p>Each customer is kept twice: as a {@link Customer}, which the handlers encode with Vert.x JSON, and as
 * ready-made JSON bytes, which the {@code /raw} endpoint sends as they are. For fixture records those bytes are the
 * record's own text cut out of {@code fixture.json}, so no JSON library ever produced them.
 */
public final class CustomerStore {

    private static final String FIXTURE = "/fixture.json";

    /** A customer together with its pre-serialized JSON. */
    public record Stored(Customer customer, Buffer json) {
    }

    private final List<Customer> fixture;
    private final Map<String, Stored> byId = new ConcurrentHashMap<>();
    /** Ids for POSTed customers: c-2001, c-2002, ... (clear of the fixture's c-100x). */
    private final AtomicLong nextId = new AtomicLong(2001);

    /** Reads the fixture from the classpath (at start-up, before any event loop runs: blocking is fine). */
    public CustomerStore() {
        this.fixture = List.copyOf(loadFixture());
    }

    /** The fixture records, in file order (POSTed customers are not listed). */
    public List<Customer> fixture() {
        return fixture;
    }

    public int fixtureSize() {
        return fixture.size();
    }

    public Optional<Stored> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Stores a copy of {@code body} under a fresh id and returns that copy. */
    public Customer create(Customer body) {
        Customer created = body.withId("c-" + nextId.getAndIncrement());
        // POSTed customers have no source text: their /raw form is made once, now; serving it later still bypasses
        // the JSON codec.
        byId.put(created.id(), new Stored(created, created.toJson().toBuffer()));
        return created;
    }

    /**
     * Cuts each record out of the fixture's array as text (so {@code /raw} can serve it verbatim) and reads it with
     * Vert.x JSON. Vert.x's decoder does not report offsets, so the record boundaries come from
     * {@link #recordSpans(String)}.
     */
    private List<Customer> loadFixture() {
        String text;
        try (InputStream in = CustomerStore.class.getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IllegalStateException(FIXTURE + " is missing from the classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Customer> customers = new ArrayList<>();
        try {
            for (int[] span : recordSpans(text)) {
                String json = text.substring(span[0], span[1]);
                Customer customer = Customer.fromJson(new JsonObject(json));
                customers.add(customer);
                byId.put(customer.id(), new Stored(customer, Buffer.buffer(json)));
            }
            // The whole file must also be one array of exactly these records.
            List<Customer> all = new ArrayList<>();
            for (Object record : new JsonArray(text)) {
                all.add(Customer.fromJson((JsonObject) record));
            }
            if (!all.equals(customers)) {
                throw new IllegalStateException(FIXTURE + " must hold a JSON array of customer objects only");
            }
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalStateException("Cannot read " + FIXTURE, e);
        }
        return customers;
    }

    /**
     * {@code [start, end)} of every object that is a direct element of the top-level array: a bracket counter that
     * skips over string literals (and the escapes inside them).
     */
    static List<int[]> recordSpans(String text) {
        List<int[]> spans = new ArrayList<>();
        int depth = 0;
        int start = -1;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '[', '{' -> {
                    if (depth == 1 && c == '{') {
                        start = i;
                    }
                    depth++;
                }
                case ']', '}' -> {
                    depth--;
                    if (depth == 1 && c == '}') {
                        spans.add(new int[] {start, i + 1});
                    }
                }
                default -> {
                }
            }
        }
        if (depth != 0 || inString) {
            throw new IllegalStateException(FIXTURE + " is not balanced JSON");
        }
        return spans;
    }
}
