package dev.warden.instrumentation.undertow;

import dev.warden.bootstrap.BodyOutlet;
import dev.warden.bootstrap.GuardedStream;
import dev.warden.bootstrap.HeldBody;
import dev.warden.bootstrap.RequestScope;
import io.undertow.io.UndertowOutputStream;
import io.undertow.server.BlockingHttpExchange;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The response body stream a handler gets from {@code exchange.getOutputStream()} (and writes to through the
 * blocking Sender) when its exchange is masked. At the first byte (or flush) it asks Warden what the body must go
 * through, given the Content-Type and Content-Encoding set by then: the masking engine for JSON, nothing otherwise.
 * The masking engine sits right under this stream, so a serializer hook that finds it knows its bytes reach the
 * engine as it writes them. Undertow's own stream is fetched only then, after a masked body's Content-Length was
 * dropped (it reads the length once, when made); it buffers and sends the status line with its first flush, so until
 * then a body that cannot be masked is still answered with Warden's 502. The held, fail-closed body logic is
 * {@link HeldBody}'s.
 */
final class GuardedBlockingStream extends OutputStream implements GuardedStream, BodyOutlet {

    private final BlockingHttpExchange real;
    private final ExchangeGuard guard;
    private final HttpServerExchange exchange;
    private final HeldBody body;
    private OutputStream target;
    private boolean masking;

    GuardedBlockingStream(BlockingHttpExchange real, ExchangeGuard guard) {
        this.real = real;
        this.guard = guard;
        this.exchange = guard.exchange();
        this.body = new HeldBody(this);
    }

    @Override
    public OutputStream openBody() {
        RequestScope scope = guard.scope();
        HeaderMap headers = exchange.getResponseHeaders();
        String contentType = headers.getFirst(Headers.CONTENT_TYPE);
        // the channel was taken first (by the application): the masking conduit has the body and masks it
        masking = guard.claimForStream() && scope.isJson(contentType);
        String encoding = headers.getFirst(Headers.CONTENT_ENCODING);
        if (masking) {
            // a masked body's length is known only at its end, and it goes out decoded
            headers.remove(Headers.CONTENT_LENGTH);
            headers.remove(Headers.CONTENT_ENCODING);
        }
        target = real.getOutputStream();
        return masking ? scope.bodyStream(target, contentType, encoding) : target;
    }

    @Override
    public boolean masks(OutputStream opened) {
        return masking;
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

    /**
     * Warden's 502 instead of the application's answer while nothing was sent: Undertow's stream drops what it
     * buffered, and the status and headers are replaced. Past that the body is cut short.
     */
    @Override
    public void withholdBody() throws IOException {
        if (exchange.isResponseStarted()) {
            guard.abort();
            return;
        }
        if (target instanceof UndertowOutputStream undertow) undertow.resetBuffer();
        RequestScope scope = guard.scope();
        byte[] problem = scope.withheld();
        HeaderMap headers = exchange.getResponseHeaders();
        headers.clear();
        exchange.setStatusCode(502);
        headers.put(Headers.CONTENT_TYPE, scope.contentType());
        headers.put(Headers.CONTENT_LENGTH, Integer.toString(problem.length));
        target.write(problem);
    }

    @Override
    public void close() throws IOException {
        if (body.isFinished()) return;
        try {
            body.finish(); // the masking engine writes what it still holds
        } finally {
            try {
                target.close();
            } catch (IOException e) {
                if (!body.isWithheld()) throw e; // a body cut short: the connection is gone, as intended
            }
        }
    }

    @Override
    public RequestScope wardenScope() {
        return guard.scope();
    }

    @Override
    public String contentType() {
        return exchange.getResponseHeaders().getFirst(Headers.CONTENT_TYPE);
    }
}
