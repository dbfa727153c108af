package dev.warden.runtime;

import dev.warden.inventory.ResponseSample;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes a body's bytes on unchanged and lets a {@link ResponseSample} read them too: in front of the wire engine
 * for a sampled response (the engine itself, and its speed, stay as they are), or alone for a sampled response
 * nothing masks. The sample never throws, so neither does reading.
 */
final class SampledStream extends OutputStream {

    private final OutputStream next;
    private final ResponseSample sample;
    /** Whether closing closes {@code next} (the wire engine ends the body) or only flushes it (the server's stream). */
    private final boolean closesNext;

    SampledStream(OutputStream next, ResponseSample sample, boolean closesNext) {
        this.next = next;
        this.sample = sample;
        this.closesNext = closesNext;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        sample.feed(b, off, len);
        next.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        next.flush();
    }

    @Override
    public void close() throws IOException {
        sample.end();
        if (closesNext) next.close();
        else next.flush();
    }
}
