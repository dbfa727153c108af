package dev.warden.instrumentation.undertow;

import dev.warden.bootstrap.GuardedStream;
import dev.warden.bootstrap.RequestScope;
import dev.warden.bootstrap.WithheldBodyException;
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
 * then a body that cannot be masked is still answered with Warden's 502.
 */
final class GuardedBlockingStream extends OutputStream implements GuardedStream {

    /** A masked body is not flushed to the client before this many bytes were written (or the body ended). */
    static final int HOLD_BYTES = 8192;

    private final BlockingHttpExchange real;
    private final ExchangeGuard guard;
    private final HttpServerExchange exchange;
    private OutputStream target;
    private OutputStream sink;
    private boolean masking;
    private boolean finished;
    private boolean withheld;
    private long written;

    GuardedBlockingStream(BlockingHttpExchange real, ExchangeGuard guard) {
        this.real = real;
        this.guard = guard;
        this.exchange = guard.exchange();
    }

    private OutputStream sink() {
        if (sink != null) return sink;
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
        sink = masking ? scope.bodyStream(target, contentType, encoding) : target;
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

    /** Whether a masked body is still too short to send (flushes wait; the end of the body sends it). */
    private boolean holding() {
        return sink != null && masking && written < HOLD_BYTES && !finished;
    }

    /**
     * Warden's 502 instead of the application's answer while nothing was sent: Undertow's stream drops what it
     * buffered, and the status and headers are replaced. Past that the body is cut short. Later writes are swallowed,
     * so the application carries on unaffected.
     */
    private void withhold() throws IOException {
        withheld = true;
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
        if (finished) return;
        finished = true;
        try {
            OutputStream s = sink();
            if (!withheld && s != target) {
                try {
                    s.close(); // the masking engine writes what it still holds
                } catch (WithheldBodyException e) {
                    withhold();
                }
            }
        } finally {
            try {
                target.close();
            } catch (IOException e) {
                if (!withheld) throw e; // a body cut short: the connection is gone, as intended
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
