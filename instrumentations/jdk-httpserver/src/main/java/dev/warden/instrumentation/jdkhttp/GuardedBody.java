package dev.warden.instrumentation.jdkhttp;

import dev.warden.bootstrap.GuardedStream;
import dev.warden.bootstrap.RequestScope;
import dev.warden.bootstrap.WithheldBodyException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The response body handed to the application. At the first byte (or flush) it asks Warden what the body must go
 * through, given the Content-Type and Content-Encoding set by then: the masking engine for JSON, nothing
 * otherwise. What comes out goes to the exchange, which sends the held status line and headers just before the
 * first byte of the body — so a body that turns out not to be maskable can still be answered with a 502.
 */
public final class GuardedBody extends OutputStream implements GuardedStream {

    /** A masked body is not sent before this many bytes were written (or the body ended): see {@code withhold}. */
    static final int HOLD_BYTES = 8192;

    private final GuardedExchange exchange;
    private final RequestScope scope;
    private final OutputStream target;
    private OutputStream sink;
    private boolean finished;
    private boolean withheld;
    private long written;

    GuardedBody(GuardedExchange exchange, RequestScope scope) {
        this.exchange = exchange;
        this.scope = scope;
        this.target = new CommittingStream(exchange);
    }

    private OutputStream sink() {
        if (sink == null) {
            sink = scope.bodyStream(target, contentType(), exchange.getResponseHeaders().getFirst("Content-Encoding"));
            exchange.masked(sink != target);
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

    private boolean holding() {
        return sink != null && sink != target && written < HOLD_BYTES && !finished;
    }

    /** Warden's 502 instead of the application's answer while nothing is sent; past that, the body ends here. */
    private void withhold() throws IOException {
        withheld = true;
        exchange.replaceWith(502, scope.contentType(), scope.withheld());
    }

    @Override
    public void close() throws IOException {
        exchange.close();
    }

    /** Ends the body: the masking engine writes what it still holds, and the held headers go out. Idempotent. */
    void finish() throws IOException {
        if (finished) return;
        finished = true;
        if (withheld) return;
        OutputStream s = sink();
        try {
            if (s != target) s.close();
            else target.flush();
        } catch (WithheldBodyException e) {
            withhold();
        }
    }

    @Override
    public RequestScope wardenScope() {
        return scope;
    }

    @Override
    public String contentType() {
        return exchange.getResponseHeaders().getFirst("Content-Type");
    }
}
