package dev.warden.policy.model;

import java.nio.file.Path;

/**
 * Where the audit log goes ({@code audit:} in the policy): one JSON line per request, written off the request thread.
 *
 * @param file     the log file, or null for standard output
 * @param maxBytes a file is rotated when a line would take it past this size
 * @param keep     how many rotated files are kept ({@code audit.jsonl.1} newest)
 * @param queue    lines waiting to be written at most; beyond, lines are dropped and counted, requests never wait
 * @param clearOfEveryResponse whether every JSON response is read as it leaves for the sensitive categories it
 *                 carries in clear ({@code clearCategories: all}); else only the responses the inventory samples
 */
public record AuditConfig(Path file, long maxBytes, int keep, int queue, boolean clearOfEveryResponse) {

    public static final long DEFAULT_MAX_BYTES = 100L << 20;
    public static final int DEFAULT_KEEP = 5;
    public static final int DEFAULT_QUEUE = 10_000;

    /** "stdout" or "file:PATH", as written in the policy. */
    public String sink() {
        return file == null ? "stdout" : "file:" + file;
    }
}
