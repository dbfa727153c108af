package dev.warden.instrumentation.undertow;

import dev.warden.bootstrap.RequestScope;
import dev.warden.bootstrap.SerializerOutput;
import dev.warden.bootstrap.WithheldBodyException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Warden's request scope whose "masking" is visible and not idempotent: every lower-case letter
 * becomes the next one ({@code a} to {@code b}, {@code z} to {@code a}), so a body masked twice shows it. A {@code !}
 * in the body makes it unmaskable (the stream withholds it from then on), as does the encoding {@code br}.
 */
final class ShiftingScope implements RequestScope {

    static final byte[] PROBLEM = "{\"withheld\":true}".getBytes(StandardCharsets.UTF_8);

    volatile int endedStatus = -1;
    final AtomicInteger ends = new AtomicInteger();

    @Override public boolean denied() { return false; }
    @Override public int status() { return 200; }
    @Override public String[] headers() { return new String[0]; }
    @Override public String contentType() { return "application/problem+json"; }
    @Override public String[] removedRequestHeaders() { return new String[0]; }
    @Override public String strippedRequestHeaderPrefix() { return null; }
    @Override public String[] addedRequestHeaders() { return new String[0]; }
    @Override public byte[] body() { return new byte[0]; }
    @Override public boolean isJson(String contentType) { return contentType != null && contentType.startsWith("application/json"); }
    @Override public boolean masksResponse() { return true; }
    @Override public byte[] withheld() { return PROBLEM.clone(); }
    @Override public SerializerOutput serializerOutput(OutputStream out) { return null; }
    @Override public void end(int status, Throwable error) {
        endedStatus = status;
        ends.incrementAndGet();
    }

    @Override
    public OutputStream bodyStream(OutputStream target, String contentType) {
        return bodyStream(target, contentType, null);
    }

    @Override
    public OutputStream bodyStream(OutputStream target, String contentType, String contentEncoding) {
        if (!isJson(contentType)) return target;
        return new Shifting(target, "br".equals(contentEncoding));
    }

    /** Shifts letters on their way to {@code target}; withholds at a '!' (or from the start). */
    private static final class Shifting extends OutputStream {
        private final OutputStream target;
        private boolean withheld;

        Shifting(OutputStream target, boolean withheld) {
            this.target = target;
            this.withheld = withheld;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (withheld) throw new WithheldBodyException("withheld");
            byte[] out = new byte[len];
            for (int i = 0; i < len; i++) {
                byte c = b[off + i];
                if (c == '!') {
                    withheld = true;
                    throw new WithheldBodyException("a '!'");
                }
                out[i] = c >= 'a' && c <= 'z' ? (byte) (c == 'z' ? 'a' : c + 1) : c;
            }
            target.write(out, 0, len);
        }

        @Override
        public void flush() throws IOException {
            if (withheld) throw new WithheldBodyException("withheld");
            target.flush();
        }

        @Override
        public void close() throws IOException {
            if (withheld) throw new WithheldBodyException("withheld");
            target.close();
        }
    }
}
