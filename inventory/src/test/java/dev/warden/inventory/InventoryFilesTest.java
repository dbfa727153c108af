package dev.warden.inventory;

import static dev.warden.inventory.Observations.served;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryFilesTest {

    @Test
    void filesAreReplacedWholeWhenSomethingChangedAndAtClose(@TempDir Path dir) throws Exception {
        Inventory inv = new Inventory(10, 3, null, Instant.EPOCH);
        Path json = dir.resolve("sub/inventory.json");
        Path html = dir.resolve("sub/inventory.html");
        List<String> warnings = new ArrayList<>();
        InventoryFiles files = InventoryFiles.start(inv, json, html, Duration.ofHours(1), warnings::add);
        inv.record(served("GET", "/a", null, "r", 200));
        files.writeIfChanged();
        assertEquals(1, OpenApiReader.read(json).endpoints().size());
        assertTrue(Files.readString(html).contains("/a"));
        inv.record(served("GET", "/b", null, "r", 200));
        files.close();
        assertEquals(2, OpenApiReader.read(json).endpoints().size());
        try (var listing = Files.list(json.getParent())) {
            assertEquals(2, listing.count(), "no temporary file left");
        }
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aFileThatCannotBeWrittenIsReportedNotThrown(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        Inventory inv = new Inventory(10, 3, null, Instant.EPOCH);
        inv.record(served("GET", "/a", null, "r", 200));
        List<String> warnings = new ArrayList<>();
        InventoryFiles files = InventoryFiles.start(inv, blocker.resolve("inventory.json"), null, Duration.ofHours(1), warnings::add);
        files.close();
        assertEquals(1, warnings.size(), warnings.toString());
    }
}
