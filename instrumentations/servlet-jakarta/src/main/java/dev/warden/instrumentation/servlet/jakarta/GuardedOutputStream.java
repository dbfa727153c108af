package dev.warden.instrumentation.servlet.jakarta;

import dev.warden.bootstrap.BodyOutlet;
import dev.warden.bootstrap.GuardedStream;
import dev.warden.bootstrap.HeldBody;
import dev.warden.bootstrap.RequestScope;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The body stream handed to the application. At the first byte (or flush) it asks Warden what the body must go
 * through, given the Content-Type declared by then: the masking engine for JSON, nothing otherwise. The held,
 * fail-closed body logic is {@link HeldBody}'s; this stream opens the body on the container's stream and answers a
 * withheld body.
 */
public final class GuardedOutputStream extends ServletOutputStream implements GuardedStream, BodyOutlet {

    private final ServletOutputStream target;
    private final RequestScope scope;
    private final GuardedResponse response;
    private final HeldBody body;

    GuardedOutputStream(ServletOutputStream target, RequestScope scope, GuardedResponse response) {
        this.target = target;
        this.scope = scope;
        this.response = response;
        this.body = new HeldBody(this);
    }

    @Override
    public OutputStream openBody() {
        OutputStream sink = scope.bodyStream(target, response.getContentType(), response.heldEncoding());
        response.decided(sink != target);
        return sink;
    }

    @Override
    public boolean masks(OutputStream opened) {
        return opened != target;
    }

    @Override
    public void write(int b) throws IOException {
        body.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        body.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        body.flush();
    }

    /** Whether a masked body is still too short to commit (flushes wait; the end of the body commits it). */
    boolean holding() {
        return body.holding();
    }

    /** Replaces the response with Warden's 502 while nothing is committed; past that, the body just ends here. */
    @Override
    public void withholdBody() throws IOException {
        if (response.isCommitted()) return;
        byte[] problem = scope.withheld();
        response.replaceWith(502, scope.contentType(), problem.length);
        target.write(problem);
    }

    @Override
    public void close() throws IOException {
        finish();
        target.close();
    }

    /** Ends the body: the masking engine writes what it still holds. Idempotent. */
    void finish() throws IOException {
        body.finish();
    }

    /** The application reset the (uncommitted) buffer: start the body afresh. */
    void restart() {
        body.restart();
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
