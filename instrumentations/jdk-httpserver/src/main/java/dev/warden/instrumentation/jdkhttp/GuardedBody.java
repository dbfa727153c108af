package dev.warden.instrumentation.jdkhttp;

import dev.warden.bootstrap.BodyOutlet;
import dev.warden.bootstrap.GuardedStream;
import dev.warden.bootstrap.HeldBody;
import dev.warden.bootstrap.RequestScope;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The response body handed to the application. At the first byte (or flush) it asks Warden what the body must go
 * through, given the Content-Type and Content-Encoding set by then: the masking engine for JSON, nothing
 * otherwise. What comes out goes to the exchange, which sends the held status line and headers just before the
 * first byte of the body — so a body that turns out not to be maskable can still be answered with a 502. The held,
 * fail-closed body logic is {@link HeldBody}'s.
 */
public final class GuardedBody extends OutputStream implements GuardedStream, BodyOutlet {

    private final GuardedExchange exchange;
    private final RequestScope scope;
    private final OutputStream target;
    private final HeldBody body;

    GuardedBody(GuardedExchange exchange, RequestScope scope) {
        this.exchange = exchange;
        this.scope = scope;
        this.target = new CommittingStream(exchange);
        this.body = new HeldBody(this);
    }

    @Override
    public OutputStream openBody() {
        OutputStream sink = scope.bodyStream(target, contentType(), exchange.getResponseHeaders().getFirst("Content-Encoding"));
        exchange.masked(sink != target);
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

    /** Warden's 502 instead of the application's answer while nothing is sent; past that, the body ends here. */
    @Override
    public void withholdBody() throws IOException {
        exchange.replaceWith(502, scope.contentType(), scope.withheld());
    }

    @Override
    public void close() throws IOException {
        exchange.close();
    }

    /** Ends the body: the masking engine writes what it still holds, and the held headers go out. Idempotent. */
    void finish() throws IOException {
        if (body.isFinished()) return;
        body.finish();
        // an unmasked body, empty or not, still owes the client the held status line and headers
        if (!body.isWithheld() && !body.isMasked()) target.flush();
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
