package dev.warden.instrumentation.jackson3;

import dev.warden.bootstrap.SerializerOutput;
import java.io.OutputStream;
import net.bytebuddy.asm.Advice;
import tools.jackson.core.JsonGenerator;

/** Inlined into TextualTSFactory.createGenerator(ObjectWriteContext, OutputStream, JsonEncoding). */
public final class CreateGeneratorAdvice {

    private CreateGeneratorAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object factory, @Advice.Argument(value = 1, readOnly = false) OutputStream out,
                             @Advice.Local("wardenOut") SerializerOutput guarded) {
        guarded = Jackson3Masking.guard(factory, out);
        if (guarded != null) {
            out = guarded;
        }
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return(readOnly = false) JsonGenerator generator,
                            @Advice.Local("wardenOut") SerializerOutput guarded) {
        if (guarded != null && generator != null) {
            generator = Jackson3Masking.wrap(generator, guarded);
        }
    }
}
