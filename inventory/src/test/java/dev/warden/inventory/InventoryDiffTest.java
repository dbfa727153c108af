package dev.warden.inventory;

import static dev.warden.inventory.Observations.sampleOf;
import static dev.warden.inventory.Observations.served;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryDiffTest {

    @Test
    void anInventoryIsTheSameAsItselfWhateverTheCounts() {
        Inventory inv = OpenApiTest.sampleInventory();
        InventoryView before = inv.view();
        inv.record(served("GET", "/api/customers/c-1002", "/api/customers/{id}", "customers", 200));
        InventoryDiff.Result r = InventoryDiff.compare(before, inv.view());
        assertTrue(r.same(), () -> String.join("\n", r.lines()));
        assertEquals(List.of("no differences"), r.lines());
    }

    @Test
    void newGoneAndChangedEndpointsAreListed() {
        InventoryView before = OpenApiTest.sampleInventory().view();
        Inventory after = new Inventory(100, 3, "X-API-Key", Instant.EPOCH);
        String changed = "{\"id\":\"c-1\",\"email\":\"a@example.com\",\"ssn\":\"123-45-6789\"}";
        after.record(served("GET", "/api/customers/c-1", "/api/customers/{id}", "customers", 200,
                sampleOf(after, "GET", "/api/customers/c-1", changed)));
        after.record(served("GET", "/api/customers", "/api/customers", "customers", 200,
                sampleOf(after, "GET", "/api/customers", "[" + ResponseSampleTest.CUSTOMER + "]")));
        after.record(served("GET", "/api/debug/headers", null, "debug", 200,
                sampleOf(after, "GET", "/api/debug/headers", "{\"accept\":[\"*/*\"]}")));
        after.record(served("GET", "/api/export", null, null, 200));

        InventoryDiff.Result r = InventoryDiff.compare(before, after.view());
        assertFalse(r.same());
        List<String> lines = r.lines();
        String text = String.join("\n", lines);
        assertTrue(lines.contains("new      GET /api/export  [shadow: no policy route covers it]"), text);
        assertTrue(lines.contains("gone     PROPFIND /dav/x"), text);
        assertTrue(lines.contains("changed  GET /api/customers/{id}"), text);
        assertTrue(lines.contains("           statuses: 200, 401 -> 200"), text);
        assertTrue(lines.contains("           - field $.card.number"), text);
        assertTrue(lines.contains("           sensitive $.card.number: pan -> (none)"), text);
        assertTrue(lines.contains("changed  GET /api/debug/headers"), text);
        assertTrue(lines.contains("           auth: none -> apiKey"), text);
        assertTrue(lines.contains("           now covered by a policy route (debug)"), text);
        assertEquals("1 new, 1 gone, 2 changed", lines.get(lines.size() - 1));
    }
}
