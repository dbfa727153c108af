package dev.warden.instrumentation.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.OutputStream;

/**
 * Where the masking engine writes a response body: bytes collect in a buffer from the channel's allocator until the
 * handler {@link #take() takes} them to send on. Runs on the channel's event loop only.
 */
public final class ByteBufSink extends OutputStream {

    private final ByteBufAllocator alloc;
    private ByteBuf buf;
    private long total;

    public ByteBufSink(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    @Override
    public void write(int b) {
        buffer(1).writeByte(b);
        total++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (len == 0) return;
        buffer(len).writeBytes(b, off, len);
        total += len;
    }

    private ByteBuf buffer(int needed) {
        if (buf == null) buf = alloc.buffer(Math.max(needed, 256));
        return buf;
    }

    /** The bytes written since the last take (an empty buffer when none); the caller owns the result. */
    public ByteBuf take() {
        ByteBuf out = buf;
        buf = null;
        return out == null ? Unpooled.EMPTY_BUFFER : out;
    }

    /** How many bytes were written since the body began. */
    public long total() {
        return total;
    }

    /** Frees what was not taken (the response was abandoned). */
    public void discard() {
        if (buf != null) {
            buf.release();
            buf = null;
        }
    }
}
