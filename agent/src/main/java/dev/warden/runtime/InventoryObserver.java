package dev.warden.runtime;

import dev.warden.inventory.Inventory;
import dev.warden.inventory.Observation;
import dev.warden.inventory.ResponseSample;
import dev.warden.policy.engine.Decision;
import java.util.List;

/** Feeds the API inventory: every finished request, and a sample of the first few responses per endpoint. */
final class InventoryObserver implements RequestObserver {

    private final Inventory inventory;

    InventoryObserver(Inventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public ResponseSample sampleResponse(String method, String rawPath) {
        return inventory.sample(method, rawPath);
    }

    @Override
    public void ended(RequestOutcome o) {
        Decision d = o.decision();
        boolean served = d != null && !d.denied();
        List<String> methods = d == null || d.consumer() == null ? List.of() : d.consumer().methods();
        String route = d == null || d.route() == null ? null : d.route().id();
        inventory.record(new Observation(o.time(), o.method(), o.rawPath(), o.routeTemplate(), route, methods, served,
                o.reason(), o.status(), o.sample()));
    }
}
