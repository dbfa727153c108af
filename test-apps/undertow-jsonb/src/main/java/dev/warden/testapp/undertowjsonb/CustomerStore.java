package dev.warden.testapp.undertowjsonb;

import jakarta.json.bind.Jsonb;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
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
 * <p>Each customer is kept twice: as a {@link Customer} object, which the endpoints serialize with JSON-B, and as
 * ready-made JSON bytes, which the {@code /raw} endpoint writes straight to the response. For fixture records those
 * bytes are the record's own text cut out of {@code fixture.json}, so no JSON library ever produced them.
 */
public final class CustomerStore {

    private static final String FIXTURE = "/fixture.json";

    /** A customer together with its pre-serialized JSON. */
    public record Stored(Customer customer, byte[] json) {
    }

    private final Jsonb jsonb;
    private final List<Customer> fixture;
    private final Map<String, Stored> byId = new ConcurrentHashMap<>();
    /** Ids for POSTed customers: c-2001, c-2002, ... (clear of the fixture's c-100x). */
    private final AtomicLong nextId = new AtomicLong(2001);

    public CustomerStore(Jsonb jsonb) {
        this.jsonb = jsonb;
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
        byId.put(created.id(), new Stored(created, jsonb.toJson(created).getBytes(StandardCharsets.UTF_8)));
        return created;
    }

    /**
     * Reads the fixture with JSON-P's streaming parser, remembering where each record's text starts and ends in the
     * file (the parser's locations are character offsets into the text it reads) so that text can be served verbatim
     * by {@code /raw}; each record's text is then bound to a {@link Customer} by the application's JSON-B.
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
        try (JsonParser parser = JsonProvider.provider().createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != Event.START_ARRAY) {
                throw new IllegalStateException(FIXTURE + " must hold a JSON array");
            }
            Event event;
            while (parser.hasNext() && (event = parser.next()) != Event.END_ARRAY) {
                if (event != Event.START_OBJECT) {
                    throw new IllegalStateException(FIXTURE + " must hold a JSON array of customer objects only");
                }
                // after START_OBJECT the location is just past its '{'; after skipObject, just past its '}'
                int start = (int) parser.getLocation().getStreamOffset() - 1;
                parser.skipObject();
                int end = (int) parser.getLocation().getStreamOffset();
                String record = text.substring(start, end);
                Customer customer = jsonb.fromJson(record, Customer.class);
                customers.add(customer);
                byId.put(customer.id(), new Stored(customer, record.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return customers;
    }
}
