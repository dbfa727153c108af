package dev.warden.testapp.legacyjavax;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.springframework.stereotype.Component;

/**
 * In-memory customers: the three fixture records from {@code fixture.json} plus any POSTed ones.
 *
 * <p>Each customer is kept twice: as a {@link Customer} object, which Spring serializes through
 * Jackson, and as ready-made JSON bytes, which the {@code /raw} endpoint writes straight to the
 * servlet stream. For fixture records those bytes are the record's own text cut out of
 * {@code fixture.json}, so no JSON library ever produced them.
 */
@Component
public class CustomerStore {

    private static final String FIXTURE = "/fixture.json";

    /** A customer together with its pre-serialized JSON. */
    public record Stored(Customer customer, byte[] json) {
    }

    private final ObjectMapper objectMapper;
    private final List<Customer> fixture;
    private final Map<String, Stored> byId = new ConcurrentHashMap<>();
    /** Ids for POSTed customers: c-2001, c-2002, ... (clear of the fixture's c-100x). */
    private final AtomicLong nextId = new AtomicLong(2001);

    public CustomerStore(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
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
        byId.put(created.id(), new Stored(created, serialize(created)));
        return created;
    }

    /**
     * Reads the fixture with the application's own ObjectMapper, remembering where each record's
     * text starts and ends in the file so that text can be served verbatim by {@code /raw}.
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
        // Parsing from a String makes token locations character offsets into that String.
        try (JsonParser parser = objectMapper.getFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalStateException(FIXTURE + " must hold a JSON array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                Customer customer = objectMapper.readValue(parser, Customer.class);
                // readValue leaves the parser on the record's closing '}'; currentLocation() is just past it.
                int end = (int) parser.currentLocation().getCharOffset();
                byte[] json = text.substring(start, end).getBytes(StandardCharsets.UTF_8);
                customers.add(customer);
                byId.put(customer.id(), new Stored(customer, json));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + FIXTURE, e);
        }
        return customers;
    }

    /**
     * POSTed customers have no source text, so their {@code /raw} form is made once, when they
     * are stored; serving it later still bypasses the JSON library.
     */
    private byte[] serialize(Customer customer) {
        try {
            return objectMapper.writeValueAsBytes(customer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize customer " + customer.id(), e);
        }
    }
}
