package dev.warden.instrumentation.jdkhttp;

import java.io.IOException;
import java.io.OutputStream;

/** The exchange's real body, reached only once its held status and headers are sent (at the first byte). */
public final class CommittingStream extends OutputStream {

    private final GuardedExchange exchange;

    CommittingStream(GuardedExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void write(int b) throws IOException {
        exchange.committedBody().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        exchange.committedBody().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        exchange.committedBody().flush();
    }

    @Override
    public void close() throws IOException {
        exchange.committedBody().close();
    }
}
