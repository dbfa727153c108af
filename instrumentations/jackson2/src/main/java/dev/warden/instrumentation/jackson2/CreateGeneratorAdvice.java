package dev.warden.instrumentation.jackson2;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.warden.bootstrap.SerializerOutput;
import java.io.OutputStream;
import net.bytebuddy.asm.Advice;

/** Inlined into JsonFactory.createGenerator(OutputStream, JsonEncoding). */
public final class CreateGeneratorAdvice {

    private CreateGeneratorAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) OutputStream out,
                             @Advice.Local("wardenOut") SerializerOutput guarded) {
        guarded = Jackson2Masking.guard(out);
        if (guarded != null) {
            out = guarded;
        }
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return(readOnly = false) JsonGenerator generator,
                            @Advice.Local("wardenOut") SerializerOutput guarded) {
        if (guarded != null && generator != null) {
            generator = Jackson2Masking.wrap(generator, guarded);
        }
    }
}
