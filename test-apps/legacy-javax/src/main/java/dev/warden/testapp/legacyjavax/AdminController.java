package dev.warden.testapp.legacyjavax;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Statistics for the tests; an "admin" path so that policies can protect it differently. */
@RestController
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
    @GetMapping("/api/admin/stats")
    public Stats stats() {
        return new Stats(store.fixtureSize(), handled.get());
    }
}
