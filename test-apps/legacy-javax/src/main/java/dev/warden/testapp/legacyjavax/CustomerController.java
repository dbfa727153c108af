package dev.warden.testapp.legacyjavax;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The customer API. Its endpoints produce JSON in the three ways Warden has to cope with:
 * <ul>
 *   <li>Java objects serialized by Jackson 2 through Spring's message converter
 *       ({@code /api/customers}, {@code /api/customers/{id}}, POST);</li>
 *   <li>pre-serialized bytes written straight to the servlet stream, no JSON library involved
 *       ({@code /api/customers/{id}/raw});</li>
 *   <li>a Jackson 2 {@link JsonGenerator} streaming a large array with periodic flushes
 *       ({@code /api/customers/export}).</li>
 * </ul>
 * Spring MVC prefers literal path segments over variables, so {@code /export} is never taken
 * for an {@code {id}}.
 */
@RestController
@RequestMapping("/api/customers")
public class CustomerController {

    /** Upper bound on export size: large enough for load tests, small enough to reject typos. */
    static final long MAX_EXPORT = 10_000_000L;
    /** Records written between explicit flushes of the export stream. */
    static final int FLUSH_EVERY = 500;

    private final CustomerStore store;
    private final ObjectMapper objectMapper;
    private final HandledCounter handled;

    public CustomerController(CustomerStore store, ObjectMapper objectMapper, HandledCounter handled) {
        this.store = store;
        this.objectMapper = objectMapper;
        this.handled = handled;
    }

    @GetMapping
    public List<Customer> list() {
        handled.increment();
        return store.fixture();
    }

    @GetMapping("/{id}")
    public ResponseEntity<Customer> get(@PathVariable String id) {
        handled.increment();
        return ResponseEntity.of(store.find(id).map(CustomerStore.Stored::customer));
    }

    /** The record's stored JSON bytes, written by hand: what Jackson would have produced, minus Jackson. */
    @GetMapping("/{id}/raw")
    public void raw(@PathVariable String id, HttpServletResponse response) throws IOException {
        handled.increment();
        CustomerStore.Stored stored = store.find(id).orElse(null);
        if (stored == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] json = stored.json();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(json.length);
        OutputStream out = response.getOutputStream();
        out.write(json);
        out.flush();
    }

    /**
     * Streams {@code count} generated customers as one JSON array. The generator is created from
     * the application's ObjectMapper factory directly on the servlet stream (no wrapping, no
     * buffering of the whole array), records are made one by one, and the output is flushed every
     * {@value #FLUSH_EVERY} records, so memory use does not grow with {@code count}.
     */
    @GetMapping("/export")
    public void export(@RequestParam(defaultValue = "10") long count, HttpServletResponse response)
            throws IOException {
        handled.increment();
        if (count < 0 || count > MAX_EXPORT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "count must be between 0 and " + MAX_EXPORT);
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        try (JsonGenerator generator = objectMapper.getFactory().createGenerator(response.getOutputStream())) {
            generator.writeStartArray();
            for (long n = 1; n <= count; n++) {
                // FLUSH_AFTER_WRITE_VALUE is off (application.properties), so this does not flush by itself.
                objectMapper.writeValue(generator, CustomerGenerator.customer(n));
                if (n % FLUSH_EVERY == 0) {
                    generator.flush();
                }
            }
            generator.writeEndArray();
        }
    }

    /** Stores the posted customer under a new id and echoes it back (the client's id is ignored). */
    @PostMapping
    public ResponseEntity<Customer> create(@RequestBody Customer body) {
        handled.increment();
        Customer created = store.create(body);
        return ResponseEntity.created(URI.create("/api/customers/" + created.id())).body(created);
    }
}
