package dev.warden.testapp.vertx;

import io.vertx.core.buffer.Buffer;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The streamed export's body, {@code [record,record,...]}, as chunks of about {@value #CHUNK_BYTES} bytes: each
 * chunk's records are made by {@link CustomerGenerator} and encoded by Vert.x JSON only when the chunk is asked for,
 * so memory use does not grow with the number of records.
 */
final class ExportChunks implements Iterator<Buffer> {

    /** A chunk is sent once it holds this much: big enough for few writes, small enough to stay in the write queue. */
    static final int CHUNK_BYTES = 16 * 1024;

    private final long count;
    private long next = 1;
    private boolean opened;
    private boolean closed;

    ExportChunks(long count) {
        this.count = count;
    }

    @Override
    public boolean hasNext() {
        return !closed;
    }

    @Override
    public Buffer next() {
        if (closed) {
            throw new NoSuchElementException();
        }
        Buffer chunk = Buffer.buffer(CHUNK_BYTES + 1024);
        if (!opened) {
            chunk.appendString("[");
            opened = true;
        }
        while (next <= count && chunk.length() < CHUNK_BYTES) {
            if (next > 1) {
                chunk.appendString(",");
            }
            chunk.appendBuffer(CustomerGenerator.customer(next).toJson().toBuffer());
            next++;
        }
        if (next > count) {
            chunk.appendString("]");
            closed = true;
        }
        return chunk;
    }
}
