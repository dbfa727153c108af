package dev.warden.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.policy.model.InventoryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code inventory:}: every part optional, files taken from the policy's directory, errors where they are written. */
class InventoryParserTest {

    private static LoadResult load(String inventory) {
        return PolicyLoader.parse("/etc/warden/policy.yaml", "version: 1\n" + inventory + "\nroutes: []\n");
    }

    private static InventoryConfig inventory(String inventory) {
        LoadResult result = load(inventory);
        assertTrue(result.ok(), () -> result.errors().toString());
        return result.policy().inventory();
    }

    private static String errors(String inventory) {
        LoadResult result = load(inventory);
        assertFalse(result.ok(), "accepted: " + inventory);
        return result.errors().stream().map(PolicyError::format).collect(Collectors.joining("\n"));
    }

    @Test
    void noKeyNoInventory() {
        assertNull(PolicyLoader.parse("p.yaml", "version: 1\nroutes: []\n").policy().inventory());
    }

    @Test
    void anEmptyKeyKeepsItInMemoryWithTheDefaults() {
        assertEquals(new InventoryConfig(null, null, Duration.ofMinutes(1), 1000, 3), inventory("inventory: {}"));
    }

    @Test
    void everyPartAndFilesRelativeToThePolicy() {
        InventoryConfig c = inventory("inventory: { file: out/inventory.json, html: /var/lib/warden/i.html, every: 10s, maxEndpoints: 50, samples: 0 }");
        assertEquals(Path.of("/etc/warden/out/inventory.json"), c.file());
        assertEquals(Path.of("/var/lib/warden/i.html"), c.html());
        assertEquals(Duration.ofSeconds(10), c.every());
        assertEquals(50, c.maxEndpoints());
        assertEquals(0, c.samples());
    }

    @Test
    void mistakesAreReportedWhereTheyAre() {
        assertTrue(errors("inventory:\n  every: 500ms").contains("policy.yaml:3:10: inventory.every must be at least 1s"),
                errors("inventory:\n  every: 500ms"));
        assertTrue(errors("inventory: { maxEndpoints: 0 }").contains("inventory.maxEndpoints"));
        assertTrue(errors("inventory: { file: a.json, html: a.json }").contains("inventory.html must name another file"));
        assertTrue(errors("inventory: { fille: a.json }").contains("fille"));
        assertTrue(errors("inventory: { file: \"\" }").contains("inventory.file must name a file"));
    }
}
