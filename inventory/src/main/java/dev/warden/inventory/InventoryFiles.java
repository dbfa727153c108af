package dev.warden.inventory;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes the inventory to its files periodically, from a daemon thread of its own (never a request's): the OpenAPI
 * document and, when asked, the HTML report. A file is replaced whole (written aside, then moved), so a reader never
 * sees half of one; nothing is written while nothing changed. {@link #close()} writes a last time (at exit).
 */
public final class InventoryFiles implements AutoCloseable {

    private final Inventory inventory;
    private final Path json;
    private final Path html;
    private final Consumer<String> warn;
    private final ScheduledExecutorService timer;
    private long written = -1;

    private InventoryFiles(Inventory inventory, Path json, Path html, Consumer<String> warn) {
        this.inventory = inventory;
        this.json = json;
        this.html = html;
        this.warn = warn;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warden-inventory");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param json  where the OpenAPI document goes, or null
     * @param html  where the HTML report goes, or null
     * @param warn  told (once per kind of problem is the caller's business) when a file cannot be written
     */
    public static InventoryFiles start(Inventory inventory, Path json, Path html, Duration every, Consumer<String> warn) {
        InventoryFiles files = new InventoryFiles(inventory, json, html, warn);
        long ms = Math.max(100, every.toMillis());
        files.timer.scheduleWithFixedDelay(files::writeIfChanged, ms, ms, TimeUnit.MILLISECONDS);
        return files;
    }

    synchronized void writeIfChanged() {
        long changes = inventory.changes();
        if (changes == written) return;
        try {
            InventoryView view = inventory.view();
            if (json != null) replace(json, OpenApiWriter.toBytes(view));
            if (html != null) replace(html, HtmlReport.toBytes(view));
            written = changes;
        } catch (IOException | RuntimeException e) {
            warn.accept("the API inventory could not be written (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); it is tried again at the next interval");
        }
    }

    private static void replace(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Stops the timer and writes what changed since the last write. */
    @Override
    public void close() {
        timer.shutdown(); // not shutdownNow: interrupting a write under way would make it fail
        writeIfChanged();
    }
}
