package dev.warden.instrumentation.servlet.jakarta;

import dev.warden.bootstrap.GuardedStream;
import dev.warden.bootstrap.RequestScope;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The body stream handed to the application. At the first byte (or flush) it asks Warden what the body must go
 * through, given the Content-Type declared by then: the masking engine for JSON, nothing otherwise.
 */
public final class GuardedOutputStream extends ServletOutputStream implements GuardedStream {

    private final ServletOutputStream target;
    private final RequestScope scope;
    private final GuardedResponse response;
    private OutputStream sink;
    private boolean finished;

    GuardedOutputStream(ServletOutputStream target, RequestScope scope, GuardedResponse response) {
        this.target = target;
        this.scope = scope;
        this.response = response;
    }

    private OutputStream sink() {
        if (sink == null) {
            sink = scope.bodyStream(target, response.getContentType());
            response.decided(sink != target);
        }
        return sink;
    }

    @Override
    public void write(int b) throws IOException {
        sink().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        sink().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        sink().flush();
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
        OutputStream s = sink();
        if (s != target) s.close();
    }

    /** The application reset the (uncommitted) buffer: start the body afresh. */
    void restart() {
        sink = null;
        finished = false;
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
