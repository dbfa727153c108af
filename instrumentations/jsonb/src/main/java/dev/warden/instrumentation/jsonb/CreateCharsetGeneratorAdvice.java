package dev.warden.instrumentation.jsonb;

import dev.warden.bootstrap.SerializerOutput;
import jakarta.json.stream.JsonGenerator;
import java.io.OutputStream;
import java.nio.charset.Charset;
import net.bytebuddy.asm.Advice;

/** Inlined into JsonGeneratorFactory.createGenerator(OutputStream, Charset): the path Yasson's toJson(Object, OutputStream) takes. */
public final class CreateCharsetGeneratorAdvice {

    private CreateCharsetGeneratorAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) OutputStream out,
                             @Advice.Argument(1) Charset charset,
                             @Advice.Local("wardenOut") SerializerOutput guarded) {
        guarded = JsonbMasking.guard(out, charset);
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
