package dev.warden.instrumentation.jackson2;

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
 * Jackson 2's {@code JsonFactory.createGenerator(OutputStream, JsonEncoding)} — the path Spring's message
 * converters, {@code ObjectMapper.writeValue(OutputStream, ...)} and hand-made generators all take. When the
 * stream is a guarded JSON response, the generator comes back wrapped in a masking one. Only JsonFactory itself is
 * matched: YAML/CBOR/Smile factories override the method and are left alone.
 */
public final class Jackson2Instrumentation implements WardenInstrumentation {

    private static final String PKG = "dev.warden.instrumentation.jackson2.";

    @Override
    public String name() {
        return "jackson2";
    }

    @Override
    public String supportedVersions() {
        return "jackson-core 2.10-2.21";
    }

    @Override
    public List<Requirement> requirements() {
        return List.of(
                Requirement.of("com.fasterxml.jackson.core.JsonFactory",
                        "createGenerator(java.io.OutputStream,com.fasterxml.jackson.core.JsonEncoding)"),
                Requirement.of("com.fasterxml.jackson.core.util.JsonGeneratorDelegate",
                        "writeStartObject(java.lang.Object,int)", "writeStartArray(java.lang.Object,int)"),
                Requirement.of("com.fasterxml.jackson.core.JsonGenerator", "getCurrentValue()"),
                Requirement.of("com.fasterxml.jackson.core.SerializableString", "getValue()"),
                Requirement.of("com.fasterxml.jackson.core.Base64Variant", "encode(byte[])"));
    }

    @Override
    public List<String> helperClassNames() {
        return List.of(PKG + "MaskingJsonGenerator", PKG + "Jackson2Masking");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("com.fasterxml.jackson.core.JsonFactory");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("createGenerator").and(takesArguments(2))
                .and(takesArgument(0, named("java.io.OutputStream")))
                .and(takesArgument(1, named("com.fasterxml.jackson.core.JsonEncoding"))), PKG + "CreateGeneratorAdvice"));
    }
}
