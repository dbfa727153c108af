package dev.warden.instrumentation.gson;

import com.google.gson.stream.JsonWriter;
import dev.warden.bootstrap.GuardedWriter;
import dev.warden.bootstrap.RequestScope;
import dev.warden.bootstrap.SerializerOutput;
import dev.warden.bootstrap.Utf8StreamWriter;
import dev.warden.bootstrap.WardenBridge;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** The advice's steps, kept out of the inlined code. */
public final class GsonMasking {

    private GsonMasking() {
    }

    /**
     * A trusted output when Gson is about to write to a guarded response's writer (UTF-8), else null: leave the
     * call alone, and the wire engine masks what Gson writes.
     */
    public static SerializerOutput guard(Writer writer) throws IOException {
        if (!(writer instanceof GuardedWriter guarded) || !StandardCharsets.UTF_8.equals(guarded.wardenCharset())) return null;
        RequestScope scope = WardenBridge.scopeOf(guarded.wardenStream());
        if (scope == null) return null;
        writer.flush(); // what the application wrote before goes out first, as it would have
        return scope.serializerOutput(guarded.wardenStream());
    }

    /** What Gson writes to instead of the response's writer: the same bytes, through the trusted output. */
    public static Writer writerFor(SerializerOutput out) {
        return new Utf8StreamWriter(out);
    }

    /** Wraps Gson's writer; only once that succeeded are its bytes trusted to be masked. */
    public static JsonWriter wrap(JsonWriter writer, SerializerOutput out) {
        JsonWriter masked = new MaskingJsonWriter(writer, out.cursor(), out);
        out.arm(masked);
        return masked;
    }
}
