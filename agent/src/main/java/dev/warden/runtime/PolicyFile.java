package dev.warden.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The policy file as the reload watcher sees it: a cheap stamp (modification time, size, file identity) read at
 * every poll, and the content with its digest read when the stamp moved. Symbolic links are followed, so a
 * Kubernetes ConfigMap (a link swapped to a new directory) is seen to change like a file an editor replaces.
 */
final class PolicyFile {

    /** More than the loader accepts (4 MiB): a bigger file is read only that far, and rejected by the loader. */
    static final int MAX_READ = 4 * 1024 * 1024 + 1;

    /** What identifies a version of the file without reading it; equal stamps do not prove equal content. */
    record Stamp(FileTime modified, long size, Object fileKey) {
    }

    /** The file's bytes (at most {@link #MAX_READ}) and their SHA-256, hex. */
    record Content(byte[] bytes, String sha256) {
    }

    /** A version of the file: its stamp and the digest of its content. */
    record Version(Stamp stamp, String sha256) {
    }

    private final Path path;

    PolicyFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    Stamp stamp() throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        if (!a.isRegularFile()) throw new IOException("not a regular file");
        return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
    }

    /** The version on disk now, or null when it cannot be read (the start then fails on its own). */
    Version current() {
        try {
            Stamp stamp = stamp();
            return new Version(stamp, read().sha256());
        } catch (IOException e) {
            return null;
        }
    }

    Content read() throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_READ);
        }
        return new Content(bytes, sha256(bytes));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
