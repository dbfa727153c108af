package dev.warden.testapp.undertowjsonb;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The export's view of the response stream: flushes only when the export says so ({@link #flushNow()}), because
 * Yasson flushes the generator after every record it writes and each flush would send a chunk of its own.
 */
final class BatchFlushStream extends FilterOutputStream {

    BatchFlushStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    /** Yasson's flush after each record: the bytes wait in the response stream's buffer. */
    @Override
    public void flush() {
    }

    void flushNow() throws IOException {
        out.flush();
    }
}
