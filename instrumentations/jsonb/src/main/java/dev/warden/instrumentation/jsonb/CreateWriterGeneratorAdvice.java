package dev.warden.instrumentation.jsonb;

import dev.warden.bootstrap.SerializerOutput;
import jakarta.json.stream.JsonGenerator;
import java.io.Writer;
import net.bytebuddy.asm.Advice;

/** Inlined into createGenerator(Writer) of JSON-P providers and generator factories (toJson(Object, Writer)). */
public final class CreateWriterGeneratorAdvice {

    private CreateWriterGeneratorAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) Writer writer,
                             @Advice.Local("wardenOut") SerializerOutput guarded) throws Exception {
        guarded = JsonbMasking.guard(writer);
        if (guarded != null) {
            writer = JsonbMasking.writerFor(guarded);
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
