package dev.warden.instrumentation.gson;

import com.google.gson.stream.JsonWriter;
import dev.warden.bootstrap.SerializerOutput;
import java.io.Writer;
import net.bytebuddy.asm.Advice;

/** Inlined into Gson.newJsonWriter(Writer), which every toJson to a Writer or Appendable goes through. */
public final class NewJsonWriterAdvice {

    private NewJsonWriterAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Writer writer,
                             @Advice.Local("wardenOut") SerializerOutput guarded) throws Exception {
        guarded = GsonMasking.guard(writer);
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return(readOnly = false) JsonWriter jsonWriter,
                            @Advice.Local("wardenOut") SerializerOutput guarded) {
        if (guarded != null && jsonWriter != null) {
            jsonWriter = GsonMasking.wrap(jsonWriter, guarded);
        }
    }
}
