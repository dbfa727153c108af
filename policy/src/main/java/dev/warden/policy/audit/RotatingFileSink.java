package dev.warden.policy.audit;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file that is rotated before a line would take it past its size: {@code audit.jsonl} becomes {@code audit.jsonl.1},
 * {@code .1} becomes {@code .2} and so on, {@code keep} files at most. Opened lazily, on the writer thread: a file that
 * blocks on open (a named pipe without a reader) blocks only that thread.
 */
final class RotatingFileSink implements AuditSink {

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private OutputStream out;
    private long size;

    RotatingFileSink(Path file, long maxBytes, int keep) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    @Override
    public void write(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (out == null) open();
        if (size > 0 && size + bytes.length > maxBytes && Files.isRegularFile(file)) rotate();
        out.write(bytes);
        size += bytes.length;
    }

    private void open() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        size = Files.isRegularFile(file) ? Files.size(file) : 0;
        out = new BufferedOutputStream(new FileOutputStream(file.toFile(), true), 64 * 1024);
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        if (keep == 0) {
            Files.deleteIfExists(file);
        } else {
            Files.deleteIfExists(rotated(keep));
            for (int i = keep - 1; i >= 1; i--) {
                if (Files.exists(rotated(i))) Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    private Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    @Override
    public void flush() throws IOException {
        if (out != null) out.flush();
    }

    @Override
    public void close() throws IOException {
        if (out != null) out.close();
    }
}
