package dev.warden.instrumentation.servlet.jakarta;

import dev.warden.bootstrap.GuardedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/** The response's writer: a plain PrintWriter over the guarded stream that serializer hooks can recognise. */
final class GuardedPrintWriter extends PrintWriter implements GuardedWriter {

    private final OutputStream stream;
    private final Charset charset;

    GuardedPrintWriter(OutputStream stream, Charset charset) {
        super(new OutputStreamWriter(stream, charset), false);
        this.stream = stream;
        this.charset = charset;
    }

    @Override
    public OutputStream wardenStream() {
        return stream;
    }

    @Override
    public Charset wardenCharset() {
        return charset;
    }
}
