package dev.warden.instrumentation.undertow;

import io.undertow.io.BlockingSenderImpl;
import io.undertow.io.Receiver;
import io.undertow.io.Sender;
import io.undertow.server.BlockingHttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The blocking exchange of a masked exchange: Undertow's own, except that its output stream, and the blocking
 * Sender over it, is a {@link GuardedBlockingStream}. Closing it (Undertow does when the exchange ends) finishes the
 * masked body before Undertow's stream is closed.
 */
final class GuardedBlockingExchange implements BlockingHttpExchange {

    private final BlockingHttpExchange real;
    private final ExchangeGuard guard;
    private GuardedBlockingStream stream;
    private Sender sender;

    GuardedBlockingExchange(BlockingHttpExchange real, ExchangeGuard guard) {
        this.real = real;
        this.guard = guard;
    }

    @Override
    public InputStream getInputStream() {
        return real.getInputStream();
    }

    @Override
    public OutputStream getOutputStream() {
        if (stream == null) stream = new GuardedBlockingStream(real, guard);
        return stream;
    }

    @Override
    public Sender getSender() {
        if (sender == null) sender = new BlockingSenderImpl(guard.exchange(), getOutputStream());
        return sender;
    }

    @Override
    public Receiver getReceiver() {
        return real.getReceiver();
    }

    @Override
    public void close() throws IOException {
        try {
            if (stream != null) stream.close();
        } finally {
            real.close();
        }
    }
}
