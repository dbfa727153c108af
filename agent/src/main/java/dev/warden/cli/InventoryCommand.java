package dev.warden.cli;

import dev.warden.inventory.HtmlReport;
import dev.warden.inventory.InventoryDiff;
import dev.warden.inventory.InventoryView;
import dev.warden.inventory.OpenApiReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code inventory diff OLD.json NEW.json}: new, gone and changed endpoints between two saved inventories (exit 0
 * when the same, 1 when they differ, 2 when a file cannot be read); {@code inventory html INVENTORY.json [OUT.html]}:
 * the HTML report of a saved inventory.
 */
final class InventoryCommand {

    static final String USAGE = "usage: java -jar warden-agent.jar inventory diff OLD.json NEW.json\n"
            + "       java -jar warden-agent.jar inventory html INVENTORY.json [OUT.html]";

    private InventoryCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 4 && args[1].equals("diff")) return diff(args[2], args[3], out, err);
        if ((args.length == 3 || args.length == 4) && args[1].equals("html")) {
            return html(args[2], args.length == 4 ? args[3] : null, out, err);
        }
        err.println(USAGE);
        return 2;
    }

    private static int diff(String older, String newer, PrintStream out, PrintStream err) {
        InventoryView before = read(older, err);
        InventoryView after = before == null ? null : read(newer, err);
        if (after == null) return 2;
        InventoryDiff.Result result = InventoryDiff.compare(before, after);
        result.lines().forEach(out::println);
        return result.same() ? 0 : 1;
    }

    private static int html(String file, String target, PrintStream out, PrintStream err) {
        InventoryView view = read(file, err);
        if (view == null) return 2;
        byte[] html = HtmlReport.toBytes(view);
        if (target == null) {
            out.print(new String(html, StandardCharsets.UTF_8));
            out.flush();
            return 0;
        }
        try {
            Files.write(Path.of(target), html);
            return 0;
        } catch (IOException e) {
            err.println("inventory html: cannot write " + target + ": " + e.getMessage());
            return 2;
        }
    }

    private static InventoryView read(String file, PrintStream err) {
        try {
            return OpenApiReader.read(Path.of(file));
        } catch (NoSuchFileException e) {
            err.println("inventory: " + file + ": no such file");
        } catch (IOException | RuntimeException e) {
            err.println("inventory: " + file + " is not an inventory Warden wrote: " + e.getMessage());
        }
        return null;
    }
}
