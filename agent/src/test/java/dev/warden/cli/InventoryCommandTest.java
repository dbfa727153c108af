package dev.warden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.inventory.Inventory;
import dev.warden.inventory.Observation;
import dev.warden.inventory.OpenApiWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inventory diff} and {@code inventory html} on saved inventories: exit codes and what is printed. */
class InventoryCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return InventoryCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path save(Path dir, String name, String... paths) throws Exception {
        Inventory inv = new Inventory(100, 0, null, Instant.EPOCH);
        for (String p : paths) {
            inv.record(new Observation(Instant.EPOCH, "GET", p, null, "r", List.of(), true, "allow", 200, null));
        }
        return Files.write(dir.resolve(name), OpenApiWriter.toBytes(inv.view()));
    }

    @Test
    void diffExitsZeroWhenTheSameAndOneWhenNot(@TempDir Path dir) throws Exception {
        Path a = save(dir, "a.json", "/health", "/api/a");
        Path b = save(dir, "b.json", "/health", "/api/b");
        assertEquals(0, run("inventory", "diff", a.toString(), a.toString()));
        assertEquals(1, run("inventory", "diff", a.toString(), b.toString()));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("no differences"), printed);
        assertTrue(printed.contains("new      GET /api/b"), printed);
        assertTrue(printed.contains("gone     GET /api/a"), printed);
        assertTrue(printed.contains("1 new, 1 gone, 0 changed"), printed);
    }

    @Test
    void htmlOfASavedInventory(@TempDir Path dir) throws Exception {
        Path a = save(dir, "a.json", "/health");
        Path html = dir.resolve("report.html");
        assertEquals(0, run("inventory", "html", a.toString(), html.toString()));
        assertTrue(Files.readString(html).contains("<td class=\"path\">/health</td>"));
    }

    @Test
    void whatCannotBeReadIsExitTwo(@TempDir Path dir) throws Exception {
        Path notOne = Files.writeString(dir.resolve("x.json"), "{\"openapi\":\"3.1.0\"}");
        assertEquals(2, run("inventory", "diff", notOne.toString(), notOne.toString()));
        assertEquals(2, run("inventory", "diff", dir.resolve("missing.json").toString(), notOne.toString()));
        assertEquals(2, run("inventory", "compare"));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("not an inventory Warden wrote"), printed);
        assertTrue(printed.contains("no such file"), printed);
        assertTrue(printed.contains("usage:"), printed);
    }
}
