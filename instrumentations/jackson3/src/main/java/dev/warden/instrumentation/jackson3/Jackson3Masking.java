package dev.warden.instrumentation.jackson3;

import dev.warden.bootstrap.RequestScope;
import dev.warden.bootstrap.SerializerOutput;
import dev.warden.bootstrap.WardenBridge;
import java.io.OutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/** The advice's two steps, kept out of the inlined code. */
public final class Jackson3Masking {

    private Jackson3Masking() {
    }

    /** A trusted output for a JSON generator writing to a guarded JSON response, else null (leave the call alone). */
    public static SerializerOutput guard(Object factory, OutputStream out) {
        if (!(factory instanceof JsonFactory)) return null; // YAML, CSV... share the base class
        RequestScope scope = WardenBridge.scopeOf(out);
        return scope == null ? null : scope.serializerOutput(out);
    }

    /** Wraps the generator; only once that succeeded are its bytes trusted to be masked. */
    public static JsonGenerator wrap(JsonGenerator generator, SerializerOutput out) {
        JsonGenerator masked = new MaskingJsonGenerator(generator, out.cursor(), out);
        out.arm(masked);
        return masked;
    }
}
