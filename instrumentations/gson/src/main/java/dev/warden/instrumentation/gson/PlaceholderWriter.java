package dev.warden.instrumentation.gson;

import java.io.IOException;
import java.io.Writer;

/** What {@link MaskingJsonWriter}'s inherited state is built on: never written to, as every write is overridden. */
public final class PlaceholderWriter extends Writer {

    static final Writer INSTANCE = new PlaceholderWriter();

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        throw new IOException("Warden's masking writer wrote to its placeholder");
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
