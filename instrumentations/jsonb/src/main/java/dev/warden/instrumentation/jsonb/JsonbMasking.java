package dev.warden.instrumentation.jsonb;

import dev.warden.bootstrap.GuardedWriter;
import dev.warden.bootstrap.RequestScope;
import dev.warden.bootstrap.SerializerOutput;
import dev.warden.bootstrap.Utf8StreamWriter;
import dev.warden.bootstrap.WardenBridge;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The advice's steps, kept out of the inlined code. */
public final class JsonbMasking {

    private JsonbMasking() {
    }

    /** A trusted output for a generator writing UTF-8 to a guarded JSON response, else null (leave the call alone). */
    public static SerializerOutput guard(OutputStream out, Charset charset) {
        if (charset != null && !StandardCharsets.UTF_8.equals(charset)) return null;
        RequestScope scope = WardenBridge.scopeOf(out);
        return scope == null ? null : scope.serializerOutput(out);
    }

    /** The same for a generator writing to a guarded response's writer. */
    public static SerializerOutput guard(Writer writer) throws IOException {
        return GuardedWriter.serializerOutput(writer);
    }

    /** What the generator writes to instead of the response's writer: the same bytes, through the trusted output. */
    public static Writer writerFor(SerializerOutput out) {
        return new Utf8StreamWriter(out);
    }

    /** Wraps the generator; only once that succeeded are its bytes trusted to be masked. */
    public static JsonGenerator wrap(JsonGenerator generator, SerializerOutput out) {
        JsonGenerator masked = new MaskingJsonGenerator(generator, out.cursor());
        out.arm(masked);
        return masked;
    }
}
