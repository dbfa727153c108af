package dev.warden.instrumentation.undertow;

import dev.warden.bootstrap.WithheldBodyException;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.ConduitWritableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSinkConduit;

/**
 * The response body on its way to the connection, through Warden's masking engine. Non-blocking, as every conduit:
 * input is taken in slices and fed to the engine, whose output waits in {@link PendingOutput} until the next conduit
 * takes it; while some is left, writes take nothing (return 0) and flushes report false, so the writer waits for the
 * connection as it would without Warden. {@code terminateWrites} ends the body (the engine writes what it still
 * holds); the next conduit is terminated once all of it has gone.
 * <p>
 * A body that cannot be masked is withheld: the connection is dropped (the status line is out, a 502 is no longer
 * possible, and a body cut short must never look complete) and the application's further bytes are swallowed. Made
 * without a masking stream, it sends what is pending (Warden's 502 problem) and swallows the application's bytes.
 */
final class MaskingConduit extends AbstractStreamSinkConduit<StreamSinkConduit> {

    /** Input fed to the engine at a time: bounds what waits for the connection. */
    private static final int SLICE = 8192;

    private final OutputStream body;
    private final PendingOutput pending;
    private final HttpServerExchange exchange;
    private byte[] slice;
    private boolean shutdown;
    private boolean nextShutdown;
    private boolean aborted;

    MaskingConduit(StreamSinkConduit next, OutputStream body, PendingOutput pending, HttpServerExchange exchange) {
        super(next);
        this.body = body;
        this.pending = pending;
        this.exchange = exchange;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (shutdown) throw new ClosedChannelException();
        if (aborted) return swallow(src);
        if (!pending.drainTo(next)) return 0;
        if (body == null) return swallow(src);
        int taken = 0;
        while (src.hasRemaining()) {
            int n = Math.min(src.remaining(), SLICE);
            try {
                if (src.hasArray()) {
                    body.write(src.array(), src.arrayOffset() + src.position(), n);
                    src.position(src.position() + n);
                } else {
                    if (slice == null) slice = new byte[SLICE];
                    src.get(slice, 0, n);
                    body.write(slice, 0, n);
                }
            } catch (WithheldBodyException e) {
                abort();
                return taken + n + swallow(src);
            }
            taken += n;
            if (!pending.drainTo(next)) break;
        }
        return taken;
    }

    /** Takes the application's bytes without sending them. */
    private static int swallow(ByteBuffer src) {
        int n = src.remaining();
        src.position(src.limit());
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long taken = 0;
        for (int i = offset; i < offset + length; i++) {
            ByteBuffer src = srcs[i];
            if (!src.hasRemaining()) continue;
            taken += write(src);
            if (src.hasRemaining()) break;
        }
        return taken;
    }

    @Override
    public int writeFinal(ByteBuffer src) throws IOException {
        return Conduits.writeFinalBasic(this, src);
    }

    @Override
    public long writeFinal(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return Conduits.writeFinalBasic(this, srcs, offset, length);
    }

    @Override
    public long transferFrom(FileChannel src, long position, long count) throws IOException {
        if (shutdown) throw new ClosedChannelException();
        if (!aborted && !pending.drainTo(next)) return 0;
        return src.transferTo(position, count, new ConduitWritableByteChannel(this));
    }

    @Override
    public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer) throws IOException {
        if (shutdown) throw new ClosedChannelException();
        if (!aborted && !pending.drainTo(next)) return 0;
        return IoUtils.transfer(source, count, throughBuffer, new ConduitWritableByteChannel(this));
    }

    @Override
    public boolean flush() throws IOException {
        if (aborted) return true;
        if (!pending.drainTo(next)) return false;
        if (shutdown) {
            if (!nextShutdown) {
                nextShutdown = true;
                next.terminateWrites();
            }
            return next.flush();
        }
        if (body != null) {
            try {
                body.flush();
            } catch (WithheldBodyException e) {
                abort();
                return true;
            }
            if (!pending.drainTo(next)) return false;
        }
        return next.flush();
    }

    /** The end of the body: the engine completes it here; the rest goes out through {@link #flush()}. */
    @Override
    public void terminateWrites() throws IOException {
        if (shutdown) return;
        shutdown = true;
        if (body == null || aborted) return;
        try {
            body.close();
        } catch (WithheldBodyException e) {
            abort();
        }
    }

    @Override
    public boolean isWriteShutdown() {
        return shutdown;
    }

    @Override
    public void truncateWrites() throws IOException {
        shutdown = true;
        pending.discard();
        next.truncateWrites();
    }

    private void abort() {
        aborted = true;
        pending.discard();
        IoUtils.safeClose(exchange.getConnection());
    }
}
