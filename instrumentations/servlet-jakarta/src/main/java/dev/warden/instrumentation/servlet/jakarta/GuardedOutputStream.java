package dev.warden.instrumentation.servlet.jakarta;

import dev.warden.bootstrap.GuardedStream;
import dev.warden.bootstrap.RequestScope;
import dev.warden.bootstrap.WithheldBodyException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The body stream handed to the application. At the first byte (or flush) it asks Warden what the body must go
 * through, given the Content-Type declared by then: the masking engine for JSON, nothing otherwise.
 */
public final class GuardedOutputStream extends ServletOutputStream implements GuardedStream {

    /**
     * A masked body is not flushed to the client before this many bytes were written (or the body ended): a body
     * that turns out not to be JSON early can still be answered with a 502 instead of a half-sent 200.
     */
    static final int HOLD_BYTES = 8192;

    private final ServletOutputStream target;
    private final RequestScope scope;
    private final GuardedResponse response;
    private OutputStream sink;
    private boolean finished;
    /** The body was withheld: later writes are dropped, the application carries on. */
    private boolean withheld;
    private long written;

    GuardedOutputStream(ServletOutputStream target, RequestScope scope, GuardedResponse response) {
        this.target = target;
        this.scope = scope;
        this.response = response;
    }

    private OutputStream sink() {
        if (sink == null) {
            sink = scope.bodyStream(target, response.getContentType(), response.heldEncoding());
            response.decided(sink != target);
        }
        return sink;
    }

    @Override
    public void write(int b) throws IOException {
        if (withheld) return;
        written++;
        try {
            sink().write(b);
        } catch (WithheldBodyException e) {
            withhold();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (withheld) return;
        written += len;
        try {
            sink().write(b, off, len);
        } catch (WithheldBodyException e) {
            withhold();
        }
    }

    @Override
    public void flush() throws IOException {
        if (withheld || holding()) return;
        try {
            sink().flush();
        } catch (WithheldBodyException e) {
            withhold();
        }
    }

    /** Whether a masked body is still too short to commit (flushes wait; the end of the body commits it). */
    boolean holding() {
        return sink != null && sink != target && written < HOLD_BYTES && !finished;
    }

    /** Replaces the response with Warden's 502 while nothing is committed; past that, the body just ends here. */
    private void withhold() throws IOException {
        withheld = true;
        if (response.isCommitted()) return;
        byte[] body = scope.withheld();
        response.replaceWith(502, scope.contentType(), body.length);
        target.write(body);
    }

    @Override
    public void close() throws IOException {
        finish();
        target.close();
    }

    /** Ends the body: the masking engine writes what it still holds. Idempotent. */
    void finish() throws IOException {
        if (finished) return;
        finished = true;
        if (withheld) return;
        OutputStream s = sink();
        if (s == target) return;
        try {
            s.close();
        } catch (WithheldBodyException e) {
            withhold();
        }
    }

    /** The application reset the (uncommitted) buffer: start the body afresh. */
    void restart() {
        sink = null;
        finished = false;
        withheld = false;
    }

    @Override
    public boolean isReady() {
        return target.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
        target.setWriteListener(listener);
    }

    @Override
    public RequestScope wardenScope() {
        return scope;
    }

    @Override
    public String contentType() {
        return response.getContentType();
    }
}
