package dev.warden.instrumentation.jsonb;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.warden.instrumentation.AdviceBinding;
import dev.warden.instrumentation.Requirement;
import dev.warden.instrumentation.WardenInstrumentation;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * JSON-B through JSON-P: implementations such as Yasson write with a {@code jakarta.json.stream.JsonGenerator}
 * from the provider's {@code JsonGeneratorFactory} (Parsson's, usually). Every concrete provider and factory's
 * {@code createGenerator} to a stream or writer is hooked; when it writes to a guarded JSON response, the generator
 * comes back wrapped in a masking one. A factory that calls another factory is masked once (the inner call sees
 * Warden's own output and leaves it alone).
 */
public final class JsonbInstrumentation implements WardenInstrumentation {

    private static final String PKG = "dev.warden.instrumentation.jsonb.";

    @Override
    public String name() {
        return "jsonb";
    }

    @Override
    public String supportedVersions() {
        return "jakarta.json 2.0-2.1 (Parsson 1.x; Yasson 3.x as JSON-B)";
    }

    @Override
    public List<Requirement> requirements() {
        return List.of(
                Requirement.of("jakarta.json.stream.JsonGenerator", "writeKey(java.lang.String)", "writeEnd()",
                        "write(jakarta.json.JsonValue)", "write(java.lang.String)", "write(java.math.BigDecimal)",
                        "writeNull()", "flush()"),
                Requirement.of("jakarta.json.stream.JsonGeneratorFactory", "createGenerator(java.io.OutputStream)",
                        "createGenerator(java.io.OutputStream,java.nio.charset.Charset)", "createGenerator(java.io.Writer)"),
                Requirement.of("jakarta.json.stream.JsonGenerationException"),
                Requirement.of("jakarta.json.JsonValue", "getValueType()"));
    }

    @Override
    public List<String> helperClassNames() {
        return List.of(PKG + "MaskingJsonGenerator", PKG + "JsonbMasking");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return not(isInterface()).and(not(isAbstract())).and(hasSuperType(
                named("jakarta.json.stream.JsonGeneratorFactory").or(named("jakarta.json.spi.JsonProvider"))));
    }

    @Override
    public List<AdviceBinding> advice() {
        ElementMatcher.Junction<MethodDescription> create = named("createGenerator").and(not(isAbstract()))
                .and(returns(named("jakarta.json.stream.JsonGenerator")));
        return List.of(
                new AdviceBinding(create.and(takesArguments(1)).and(takesArgument(0, named("java.io.OutputStream"))),
                        PKG + "CreateStreamGeneratorAdvice"),
                new AdviceBinding(create.and(takesArguments(2)).and(takesArgument(0, named("java.io.OutputStream")))
                        .and(takesArgument(1, named("java.nio.charset.Charset"))), PKG + "CreateCharsetGeneratorAdvice"),
                new AdviceBinding(create.and(takesArguments(1)).and(takesArgument(0, named("java.io.Writer"))),
                        PKG + "CreateWriterGeneratorAdvice"));
    }
}
