package dev.warden.inventory;

import static dev.warden.inventory.Observations.refused;
import static dev.warden.inventory.Observations.sampleOf;
import static dev.warden.inventory.Observations.served;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InventoryTest {

    private final Inventory inventory = new Inventory(100, 3, "X-API-Key", Instant.EPOCH);

    private EndpointView endpoint(String key) {
        return inventory.view().endpoints().stream().filter(e -> e.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " not in " + inventory.view().endpoints()));
    }

    @Test
    void theFrameworksTemplateNamesTheEndpointElseIdsAreCollapsed() {
        inventory.record(served("GET", "/api/customers/c-1001", "/api/customers/{customerId}", "customers", 200));
        inventory.record(served("GET", "/api/customers/c-1002", "/api/customers/{customerId}", "customers", 200));
        inventory.record(served("GET", "/api/orders/42/lines/7", null, "orders", 200));
        assertEquals(List.of("GET /api/customers/{customerId}", "GET /api/orders/{id}/lines/{id2}"),
                inventory.view().endpoints().stream().map(EndpointView::key).toList());
        EndpointView customers = endpoint("GET /api/customers/{customerId}");
        assertTrue(customers.fromFramework());
        assertEquals(2, customers.calls());
        assertFalse(endpoint("GET /api/orders/{id}/lines/{id2}").fromFramework());
    }

    @Test
    void refusalsCountOnTheEndpointTheirPathBelongsTo() {
        inventory.record(refused("GET", "/api/customers/c-1003", "customers", "deny:unauthenticated", 401)); // before it was served
        inventory.record(served("GET", "/api/customers/c-1001", "/api/customers/{customerId}", "customers", 200));
        inventory.record(refused("GET", "/api/customers/c-1002", "customers", "deny:forbidden", 403));
        inventory.record(refused("GET", "/api/customers/c-1002", "customers", "deny:forbidden", 403));
        EndpointView e = endpoint("GET /api/customers/{customerId}");
        assertEquals(4, e.calls());
        assertEquals(1, e.served());
        assertEquals(Map.of("deny:unauthenticated", 1L, "deny:forbidden", 2L), e.denials());
        assertEquals(Set.of(200, 401, 403), e.responses().keySet());
        assertEquals(Set.of("apiKey"), e.auth()); // only what it served says who may call it
        assertEquals(Observations.T0, e.firstSeen());
        assertEquals(Observations.T0.plusSeconds(1), e.lastSeen());
    }

    @Test
    void whatMonitorModeWouldHaveDeniedWasServedAndIsNoDenial() {
        inventory.record(new Observation(Observations.T0, "GET", "/api/x", null, "r", List.of(), true,
                "would_deny:unauthenticated", 200, null));
        EndpointView e = endpoint("GET /api/x");
        assertEquals(Map.of("would_deny:unauthenticated", 1L), e.denials());
        assertEquals(0, e.denied());
        assertEquals(1, e.served());
    }

    @Test
    void whatWasOnlyRefusedOrNotFoundIsNoEndpoint() {
        inventory.record(refused("GET", "/wp-admin/setup.php", null, "deny:not_found", 404));
        inventory.record(served("GET", "/api/nothing/here", null, null, 404));
        inventory.record(served("DELETE", "/health", null, "health", 405));
        assertTrue(inventory.view().endpoints().isEmpty());
        assertEquals(1, inventory.view().unrecorded()); // the refusal, held apart
    }

    @Test
    void anEndpointNoRouteCoversIsAShadow() {
        inventory.record(served("GET", "/api/debug/headers", null, null, 200));
        inventory.record(served("GET", "/health", null, "health", 200));
        assertTrue(endpoint("GET /api/debug/headers").shadow());
        assertEquals(Set.of("none"), endpoint("GET /api/debug/headers").auth());
        assertFalse(endpoint("GET /health").shadow());
        assertEquals(Set.of("health"), endpoint("GET /health").routes());
        assertEquals(1, inventory.view().shadowCount());
    }

    @Test
    void endpointsAreCappedAndTheInventorySaysSo() {
        Inventory small = new Inventory(2, 3, null, Instant.EPOCH);
        for (String p : List.of("/a", "/b", "/c", "/d")) small.record(served("GET", p, null, "r", 200));
        small.record(served("GET", "/a", null, "r", 200));
        InventoryView v = small.view();
        assertEquals(2, v.endpoints().size());
        assertTrue(v.capped());
        assertEquals(2, v.unrecorded());
        assertEquals(2, v.endpoints().get(0).calls());
    }

    @Test
    void theFirstResponsesPerEndpointAreSampledAndTheirShapeKeptByStatus() {
        String json = "{\"id\":\"c-1\",\"ssn\":\"123-45-6789\"}";
        for (int i = 0; i < 3; i++) {
            String path = "/api/customers/c-10" + i;
            inventory.record(served("GET", path, "/api/customers/{id}", "customers", 200, sampleOf(inventory, "GET", path, json)));
        }
        assertNull(inventory.sample("GET", "/api/customers/c-1099"), "a fourth response of the endpoint");
        assertNotNull(inventory.sample("GET", "/api/other"), "another endpoint");
        EndpointView e = endpoint("GET /api/customers/{id}");
        assertEquals(Map.of("$.ssn", Set.of("ssn")), e.sensitive());
        assertEquals(Map.of("$.id", Set.of("string"), "$.ssn", Set.of("string")), e.fields());
    }

    @Test
    void anEndpointThatOnlyFailedIsSampledALittleLonger() {
        for (int i = 0; i < 5; i++) {
            ResponseSample s = inventory.sample("GET", "/api/flaky");
            assertNotNull(s, "try " + i);
            inventory.record(served("GET", "/api/flaky", null, "r", 500, s));
        }
        ResponseSample ok = inventory.sample("GET", "/api/flaky");
        assertNotNull(ok);
        inventory.record(served("GET", "/api/flaky", null, "r", 200, ok));
        assertNull(inventory.sample("GET", "/api/flaky"), "a success ends the extra tries");
    }

    @Test
    void oddMethodsAreNamedSafely() {
        inventory.record(served("propfind", "/dav", null, "r", 207));
        inventory.record(served("G E T", "/dav", null, "r", 400));
        assertEquals(List.of("OTHER /dav", "PROPFIND /dav"),
                inventory.view().endpoints().stream().map(EndpointView::key).toList());
    }
}
