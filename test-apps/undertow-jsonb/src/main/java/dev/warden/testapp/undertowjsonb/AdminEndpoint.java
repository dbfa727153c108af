package dev.warden.testapp.undertowjsonb;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.IOException;
import java.util.Set;

/** {@code GET /api/admin/stats}: statistics for the tests, on an "admin" path so policies can protect it apart. */
final class AdminEndpoint extends Endpoint {

    /** Response body: property order is the contract's ({@code customers}, then {@code handled}). */
    @JsonbPropertyOrder({"customers", "handled"})
    public record Stats(int customers, long handled) {
    }

    private final CustomerStore store;

    AdminEndpoint(AppContext app, CustomerStore store) {
        super(app);
        this.store = store;
    }

    @Override
    protected Set<String> methods(Call call) {
        return Set.of("GET");
    }

    /** Only reads the counter: asking for it must not change it. */
    @Override
    protected void doGet(Call call) throws IOException {
        call.writeJson(200, new Stats(store.fixtureSize(), handled.get()));
    }
}
