package dev.warden.policy.audit;

import java.io.IOException;

/** Where audit lines end up. Called from the audit writer thread only. */
interface AuditSink extends AutoCloseable {

    /** Writes one line (a newline is added). May block: only the writer thread waits. */
    void write(String line) throws IOException;

    /** Pushes what was written out (called when the queue is empty). */
    void flush() throws IOException;

    @Override
    void close() throws IOException;
}
