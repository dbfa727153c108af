package dev.warden.instrumentation.jackson2;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.warden.bootstrap.RequestScope;
import dev.warden.bootstrap.SerializerOutput;
import dev.warden.bootstrap.WardenBridge;
import java.io.OutputStream;

/** The advice's two steps, kept out of the inlined code. */
public final class Jackson2Masking {

    private Jackson2Masking() {
    }

    /** A trusted output for a generator writing to a guarded JSON response, else null (leave the call alone). */
    public static SerializerOutput guard(OutputStream out) {
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
