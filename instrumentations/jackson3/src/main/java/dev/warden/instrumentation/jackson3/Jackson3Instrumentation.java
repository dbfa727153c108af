package dev.warden.instrumentation.jackson3;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.warden.instrumentation.AdviceBinding;
import dev.warden.instrumentation.Requirement;
import dev.warden.instrumentation.WardenInstrumentation;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Jackson 3's {@code TextualTSFactory.createGenerator(ObjectWriteContext, OutputStream, JsonEncoding)} — where
 * {@code ObjectWriter.createGenerator} (Spring 7's Jackson 3 converters) and {@code ObjectMapper.writeValue(
 * OutputStream, ...)} end up. When the stream is a guarded JSON response and the factory makes JSON (not YAML or
 * CSV, which share the base class), the generator comes back wrapped in a masking one.
 */
public final class Jackson3Instrumentation implements WardenInstrumentation {

    private static final String PKG = "dev.warden.instrumentation.jackson3.";

    @Override
    public String name() {
        return "jackson3";
    }

    @Override
    public String supportedVersions() {
        return "jackson-core 3.0-3.1";
    }

    @Override
    public List<Requirement> requirements() {
        return List.of(
                Requirement.of("tools.jackson.core.base.TextualTSFactory",
                        "createGenerator(tools.jackson.core.ObjectWriteContext,java.io.OutputStream,tools.jackson.core.JsonEncoding)"),
                Requirement.of("tools.jackson.core.util.JsonGeneratorDelegate",
                        "writeStartObject(java.lang.Object,int)", "writeStartArray(java.lang.Object,int)", "currentValue()"),
                Requirement.of("tools.jackson.core.json.JsonFactory"),
                Requirement.of("tools.jackson.core.SerializableString", "getValue()"),
                Requirement.of("tools.jackson.core.Base64Variant", "encode(byte[])"));
    }

    @Override
    public List<String> helperClassNames() {
        return List.of(PKG + "MaskingJsonGenerator", PKG + "Jackson3Masking");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("tools.jackson.core.base.TextualTSFactory");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("createGenerator").and(takesArguments(3))
                .and(takesArgument(0, named("tools.jackson.core.ObjectWriteContext")))
                .and(takesArgument(1, named("java.io.OutputStream")))
                .and(takesArgument(2, named("tools.jackson.core.JsonEncoding"))), PKG + "CreateGeneratorAdvice"));
    }
}
