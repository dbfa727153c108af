package dev.warden.testapp.webflux;

import java.net.URI;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The customer API, reactive. Its endpoints produce JSON in the ways Warden has to cope with:
 * <ul>
 *   <li>Java objects encoded by WebFlux's Jackson 3 encoder: one value ({@code GET /api/customers/{id}}, the POST
 *       echo) or a {@link Flux} written as a JSON array element by element ({@code GET /api/customers});</li>
 *   <li>pre-serialized bytes handed to the server as they are, no JSON library involved
 *       ({@code GET /api/customers/{id}/raw});</li>
 *   <li>a large {@link Flux} of generated records streamed as one JSON array under backpressure
 *       ({@code GET /api/customers/export}): records are made only as the connection takes them.</li>
 * </ul>
 * WebFlux prefers literal path segments over variables, so {@code /export} is never taken for an {@code {id}}, and
 * a trailing slash matches nothing.
 */
@RestController
@RequestMapping("/api/customers")
public class CustomerController {

    /** Upper bound on export size: large enough for load tests, small enough to reject typos. */
    static final long MAX_EXPORT = 10_000_000L;

    private final CustomerStore store;
    private final HandledCounter handled;

    public CustomerController(CustomerStore store, HandledCounter handled) {
        this.store = store;
        this.handled = handled;
    }

    @GetMapping
    public Flux<Customer> list() {
        handled.increment();
        return Flux.fromIterable(store.fixture());
    }

    /** 404 with no body for an unknown id, as spring-mvc's {@code ResponseEntity.of(Optional.empty())}. */
    @GetMapping("/{id}")
    public Mono<ResponseEntity<Customer>> get(@PathVariable String id) {
        handled.increment();
        return Mono.justOrEmpty(store.find(id))
                .map(stored -> ResponseEntity.ok(stored.customer()))
                .defaultIfEmpty(ResponseEntity.notFound().build());
    }

    /**
     * The record's stored JSON bytes: a {@code byte[]} body goes out through WebFlux's byte-array encoder untouched,
     * with its exact length (what Jackson would have produced, minus Jackson).
     */
    @GetMapping("/{id}/raw")
    public Mono<ResponseEntity<byte[]>> raw(@PathVariable String id) {
        handled.increment();
        return Mono.justOrEmpty(store.find(id))
                .map(stored -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(stored.json()))
                .defaultIfEmpty(ResponseEntity.notFound().build());
    }

    /**
     * Streams {@code count} generated customers as one JSON array. For a {@link Flux} and {@code application/json}
     * the Jackson encoder writes {@code [}, each record as its own buffer with {@code ,} between, then {@code ]};
     * Reactor Netty writes them to the connection as they come and requests more as it can send them, so only a
     * few records exist at a time whatever {@code count} is.
     */
    @GetMapping(path = "/export", produces = MediaType.APPLICATION_JSON_VALUE)
    public Flux<Customer> export(@RequestParam(defaultValue = "10") long count) {
        handled.increment();
        if (count < 0 || count > MAX_EXPORT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "count must be between 0 and " + MAX_EXPORT);
        }
        return Flux.generate(() -> 1L, (n, sink) -> {
            if (n > count) {
                sink.complete();
            } else {
                sink.next(CustomerGenerator.customer(n));
            }
            return n + 1;
        });
    }

    /**
     * Stores the posted customer under a new id and echoes it back, 201 (the client's id is ignored). The body is
     * decoded as it arrives; a body that is not JSON, or not a customer, or missing, is WebFlux's 415 or 400 and never
     * counts as handled.
     */
    @PostMapping
    public Mono<ResponseEntity<Customer>> create(@RequestBody Mono<Customer> body) {
        return body.map(customer -> {
            handled.increment();
            Customer created = store.create(customer);
            return ResponseEntity.created(URI.create("/api/customers/" + created.id())).body(created);
        });
    }
}
