package dev.warden.bootstrap;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Marks the character writer Warden gives an application for a guarded response body, so that a serializer hook
 * handed that writer (Gson's {@code toJson(Object, Appendable)}) can find the byte stream and request behind it.
 */
public interface GuardedWriter {

    /** The guarded byte stream this writer encodes into (a {@link GuardedStream}). */
    OutputStream wardenStream();

    /** The charset this writer encodes with. */
    Charset wardenCharset();

    /**
     * For a serializer hook about to write to {@code writer}: a trusted output for the guarded JSON response behind
     * it (what the application wrote to the writer before goes out first), or null when {@code writer} is not a
     * guarded response's UTF-8 writer (leave the call alone: the wire engine masks what it writes).
     */
    static SerializerOutput serializerOutput(Writer writer) throws IOException {
        if (!(writer instanceof GuardedWriter guarded) || !StandardCharsets.UTF_8.equals(guarded.wardenCharset())) return null;
        RequestScope scope = WardenBridge.scopeOf(guarded.wardenStream());
        if (scope == null) return null;
        writer.flush();
        return scope.serializerOutput(guarded.wardenStream());
    }
}
