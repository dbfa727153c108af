package dev.warden.testapp.micronaut;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** Statistics for the tests; an "admin" path so that policies can protect it differently. */
@Controller("/api/admin")
public class AdminController {

    /** Response body: property order is the contract's ({@code customers}, then {@code handled}). */
    public record Stats(int customers, long handled) {
    }

    private final CustomerStore store;
    private final HandledCounter handled;

    public AdminController(CustomerStore store, HandledCounter handled) {
        this.store = store;
        this.handled = handled;
    }

    /** Only reads the counter: asking for it must not change it. */
    @Get("/stats")
    public Stats stats() {
        return new Stats(store.fixtureSize(), handled.get());
    }
}
