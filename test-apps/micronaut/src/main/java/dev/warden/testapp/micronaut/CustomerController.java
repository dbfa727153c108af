package dev.warden.testapp.micronaut;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import java.net.URI;
import java.util.List;
import java.util.stream.LongStream;
import reactor.core.publisher.Flux;

/**
 * The customer API. Its endpoints produce JSON in the three ways Warden has to cope with:
 * <ul>
 *   <li>Java objects serialized by Micronaut's Jackson databind integration (its {@code JsonMapper} over the
 *       application's {@code ObjectMapper}): {@code /api/customers}, {@code /api/customers/{id}}, POST;</li>
 *   <li>pre-serialized bytes handed to the server as the body, no JSON library involved
 *       ({@code /api/customers/{id}/raw});</li>
 *   <li>a {@link Flux} of records that Micronaut streams as one JSON array, chunk by chunk as the connection takes
 *       them ({@code /api/customers/export}).</li>
 * </ul>
 * Micronaut prefers literal path segments over variables, so {@code /export} is never taken for an {@code {id}}.
 */
@Controller("/api/customers")
public class CustomerController {

    /** Upper bound on export size: large enough for load tests, small enough to reject typos. */
    static final long MAX_EXPORT = 10_000_000L;

    private final CustomerStore store;
    private final HandledCounter handled;

    public CustomerController(CustomerStore store, HandledCounter handled) {
        this.store = store;
        this.handled = handled;
    }

    @Get
    public List<Customer> list() {
        handled.increment();
        return store.fixture();
    }

    /** 404 with no body for an unknown id, as spring-mvc's {@code ResponseEntity.of(Optional.empty())}. */
    @Get("/{id}")
    public HttpResponse<Customer> get(String id) {
        handled.increment();
        return store.find(id)
                .<HttpResponse<Customer>>map(stored -> HttpResponse.ok(stored.customer()))
                .orElseGet(HttpResponse::notFound);
    }

    /** The record's stored JSON bytes as the body: what Jackson would have produced, minus Jackson. */
    @Get("/{id}/raw")
    public HttpResponse<byte[]> raw(String id) {
        handled.increment();
        return store.find(id)
                .<HttpResponse<byte[]>>map(stored -> HttpResponse.ok(stored.json())
                        .contentType(MediaType.APPLICATION_JSON_TYPE))
                .orElseGet(HttpResponse::notFound);
    }

    /**
     * Streams {@code count} generated customers as one JSON array. The records are made one by one as the server
     * asks for them (it requests the next one once the previous one is written: back-pressure), so memory use does
     * not grow with {@code count}; Micronaut writes the array with chunked transfer coding.
     */
    @Get("/export")
    public Flux<Customer> export(@QueryValue(defaultValue = "10") long count) {
        handled.increment();
        if (count < 0 || count > MAX_EXPORT) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "count must be between 0 and " + MAX_EXPORT);
        }
        return Flux.fromStream(() -> LongStream.rangeClosed(1, count).mapToObj(CustomerGenerator::customer));
    }

    /** Stores the posted customer under a new id and echoes it back, 201 (the client's id is ignored). */
    @Post
    public HttpResponse<Customer> create(@Body Customer body) {
        handled.increment();
        Customer created = store.create(body);
        return HttpResponse.created(created, URI.create("/api/customers/" + created.id()));
    }
}
