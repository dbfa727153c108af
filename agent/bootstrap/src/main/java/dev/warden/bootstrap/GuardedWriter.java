package dev.warden.bootstrap;

import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * Marks the character writer Warden gives an application for a guarded response body, so that a serializer hook
 * handed that writer (Gson's {@code toJson(Object, Appendable)}) can find the byte stream and request behind it.
 */
public interface GuardedWriter {

    /** The guarded byte stream this writer encodes into (a {@link GuardedStream}). */
    OutputStream wardenStream();

    /** The charset this writer encodes with. */
    Charset wardenCharset();
}
