package dev.warden.instrumentation.gson;

import com.google.gson.stream.JsonWriter;
import dev.warden.bootstrap.GuardedWriter;
import dev.warden.bootstrap.SerializerOutput;
import dev.warden.bootstrap.Utf8StreamWriter;
import java.io.IOException;
import java.io.Writer;

/** The advice's steps, kept out of the inlined code. */
public final class GsonMasking {

    private GsonMasking() {
    }

    /**
     * A trusted output when Gson is about to write to a guarded response's writer (UTF-8), else null: leave the
     * call alone, and the wire engine masks what Gson writes.
     */
    public static SerializerOutput guard(Writer writer) throws IOException {
        return GuardedWriter.serializerOutput(writer);
    }

    /**
     * The masking writer Gson gets instead of {@code writer}: it writes, with {@code writer}'s settings, to the
     * trusted output. Only once that is all in place are its bytes trusted to be masked; if anything here fails,
     * Gson keeps {@code writer} (on the response's own writer) and the wire engine masks what it writes.
     */
    public static JsonWriter wrap(JsonWriter writer, SerializerOutput out) {
        JsonWriter real = new JsonWriter(new Utf8StreamWriter(out));
        real.setFormattingStyle(writer.getFormattingStyle());
        real.setStrictness(writer.getStrictness());
        real.setHtmlSafe(writer.isHtmlSafe());
        real.setSerializeNulls(writer.getSerializeNulls());
        JsonWriter masked = new MaskingJsonWriter(real, out.cursor(), out);
        out.arm(masked);
        return masked;
    }
}
