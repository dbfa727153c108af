package dev.warden.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a gzip (RFC 1952) or zlib/deflate (RFC 1950) body as it is written, passing the decoded bytes on: an
 * application that compresses its own JSON is still masked. Push-based (the body arrives by writes), bounded
 * memory. Anything after the compressed stream ends is ignored; a corrupt stream is an {@link IOException}.
 */
final class DecodingStream extends OutputStream {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final OutputStream target;
    private final Inflater inflater;
    private final boolean gzip;
    private final byte[] out = new byte[8192];
    /** gzip header bytes seen so far (the header is parsed before inflating starts). */
    private byte[] header = new byte[0];
    private boolean headerDone;

    DecodingStream(OutputStream target, boolean gzip) {
        this.target = target;
        this.gzip = gzip;
        this.inflater = new Inflater(gzip); // gzip members carry raw deflate; "deflate" means zlib-wrapped
        this.headerDone = !gzip;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (!headerDone) {
            byte[] joined = new byte[header.length + len];
            System.arraycopy(header, 0, joined, 0, header.length);
            System.arraycopy(b, off, joined, header.length, len);
            int end = gzipHeaderEnd(joined);
            if (end < 0) {
                header = joined;
                return;
            }
            headerDone = true;
            header = null;
            inflate(joined, end, joined.length - end);
            return;
        }
        inflate(b, off, len);
    }

    private void inflate(byte[] b, int off, int len) throws IOException {
        if (inflater.finished() || len == 0) return;
        inflater.setInput(b, off, len);
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(out);
                if (n > 0) target.write(out, 0, n);
                else if (inflater.needsInput() || inflater.needsDictionary()) break;
            }
        } catch (DataFormatException e) {
            throw new IOException("the body is not valid " + (gzip ? "gzip" : "deflate") + " data", e);
        }
    }

    /** Where the gzip header ends in {@code h}, -1 when more bytes are needed; an IOException when it is not gzip. */
    private static int gzipHeaderEnd(byte[] h) throws IOException {
        if (h.length < 10) return -1;
        if ((h[0] & 0xFF) != 0x1F || (h[1] & 0xFF) != 0x8B || h[2] != 8) throw new IOException("the body is not gzip data");
        int flags = h[3] & 0xFF;
        int at = 10;
        if ((flags & FEXTRA) != 0) {
            if (h.length < at + 2) return -1;
            at += 2 + ((h[at] & 0xFF) | (h[at + 1] & 0xFF) << 8);
        }
        for (int flag : new int[] {FNAME, FCOMMENT}) {
            if ((flags & flag) == 0) continue;
            while (at < h.length && h[at] != 0) at++;
            if (at >= h.length) return -1;
            at++;
        }
        if ((flags & FHCRC) != 0) at += 2;
        return at <= h.length ? at : -1;
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            if (!headerDone || !inflater.finished()) throw new IOException("the " + (gzip ? "gzip" : "deflate") + " body ended early");
        } finally {
            inflater.end();
            target.close();
        }
    }
}
