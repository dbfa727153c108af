package dev.warden.instrumentation.jsonb;

import dev.warden.bootstrap.SerializerOutput;
import jakarta.json.stream.JsonGenerator;
import java.io.OutputStream;
import net.bytebuddy.asm.Advice;

/** Inlined into createGenerator(OutputStream) of JSON-P providers and generator factories. */
public final class CreateStreamGeneratorAdvice {

    private CreateStreamGeneratorAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) OutputStream out,
                             @Advice.Local("wardenOut") SerializerOutput guarded) {
        guarded = JsonbMasking.guard(out, null);
        if (guarded != null) {
            out = guarded;
        }
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return(readOnly = false) JsonGenerator generator,
                            @Advice.Local("wardenOut") SerializerOutput guarded) {
        if (guarded != null && generator != null) {
            generator = JsonbMasking.wrap(generator, guarded);
        }
    }
}
