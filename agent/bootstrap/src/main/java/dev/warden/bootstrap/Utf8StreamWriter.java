package dev.warden.bootstrap;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * Characters to UTF-8 bytes on a stream, buffered until {@link #flush()}: what a serializer writes through when
 * Warden takes its output from a response writer (the masking writers flush at the end of each top-level value).
 * A surrogate pair split across writes is joined; a lone surrogate becomes '?', as the JDK's encoders do.
 */
public final class Utf8StreamWriter extends Writer {

    private final OutputStream out;
    private final byte[] buf = new byte[8192];
    private int len;
    private char highSurrogate;

    public Utf8StreamWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
        put((char) c);
    }

    @Override
    public void write(char[] cbuf, int off, int n) throws IOException {
        for (int i = off; i < off + n; i++) put(cbuf[i]);
    }

    @Override
    public void write(String s, int off, int n) throws IOException {
        for (int i = off; i < off + n; i++) put(s.charAt(i));
    }

    private void put(char c) throws IOException {
        if (len > buf.length - 4) drain();
        if (highSurrogate != 0) {
            char high = highSurrogate;
            highSurrogate = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(high, c);
                buf[len++] = (byte) (0xF0 | cp >> 18);
                buf[len++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[len++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[len++] = (byte) (0x80 | cp & 0x3F);
                return;
            }
            buf[len++] = '?';
            if (len > buf.length - 4) drain();
        }
        if (c < 0x80) {
            buf[len++] = (byte) c;
        } else if (c < 0x800) {
            buf[len++] = (byte) (0xC0 | c >> 6);
            buf[len++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isHighSurrogate(c)) {
            highSurrogate = c;
        } else if (Character.isLowSurrogate(c)) {
            buf[len++] = '?';
        } else {
            buf[len++] = (byte) (0xE0 | c >> 12);
            buf[len++] = (byte) (0x80 | c >> 6 & 0x3F);
            buf[len++] = (byte) (0x80 | c & 0x3F);
        }
    }

    private void drain() throws IOException {
        if (len > 0) {
            out.write(buf, 0, len);
            len = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
