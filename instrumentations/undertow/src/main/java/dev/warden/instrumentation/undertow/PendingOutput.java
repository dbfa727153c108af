package dev.warden.instrumentation.undertow;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.xnio.conduits.StreamSinkConduit;

/**
 * What the masking engine has written and the connection has not yet taken: the engine writes synchronously, the
 * connection takes bytes when it can (a non-blocking write may take none). Bounded by what one slice of input makes.
 */
final class PendingOutput extends OutputStream {

    private byte[] data = new byte[8192];
    private int head;
    private int tail;

    @Override
    public void write(int b) {
        room(1);
        data[tail++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        room(len);
        System.arraycopy(b, off, data, tail, len);
        tail += len;
    }

    private void room(int len) {
        if (tail + len <= data.length) return;
        int size = tail - head;
        if (size + len > data.length) {
            byte[] bigger = new byte[Math.max(data.length * 2, size + len)];
            System.arraycopy(data, head, bigger, 0, size);
            data = bigger;
        } else {
            System.arraycopy(data, head, data, 0, size);
        }
        head = 0;
        tail = size;
    }

    boolean isEmpty() {
        return head == tail;
    }

    /** Hands {@code next} as much as it takes; true when nothing is left. */
    boolean drainTo(StreamSinkConduit next) throws IOException {
        while (head < tail) {
            int n = next.write(ByteBuffer.wrap(data, head, tail - head));
            if (n == 0) return false;
            head += n;
        }
        head = 0;
        tail = 0;
        return true;
    }

    void discard() {
        head = 0;
        tail = 0;
    }
}
