package dev.warden.instrumentation.gson;

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
 * Gson's {@code Gson.newJsonWriter(Writer)} — the path of {@code toJson(Object, Appendable)} and of hand-made
 * JsonWriters. When the writer is a guarded JSON response's, Gson writes through a trusted output and gets back a
 * masking JsonWriter. (A {@code toJson(Object)} String later written by the application is masked on the wire.)
 */
public final class GsonInstrumentation implements WardenInstrumentation {

    private static final String PKG = "dev.warden.instrumentation.gson.";

    @Override
    public String name() {
        return "gson";
    }

    @Override
    public String supportedVersions() {
        return "gson 2.11-2.13";
    }

    @Override
    public List<Requirement> requirements() {
        return List.of(
                Requirement.of("com.google.gson.Gson", "newJsonWriter(java.io.Writer)"),
                Requirement.of("com.google.gson.stream.JsonWriter", "getStrictness()",
                        "setStrictness(com.google.gson.Strictness)", "getFormattingStyle()",
                        "setFormattingStyle(com.google.gson.FormattingStyle)", "isHtmlSafe()", "getSerializeNulls()",
                        "value(float)", "jsonValue(java.lang.String)"));
    }

    @Override
    public List<String> helperClassNames() {
        return List.of(PKG + "PlaceholderWriter", PKG + "MaskingJsonWriter", PKG + "GsonMasking");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("com.google.gson.Gson");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("newJsonWriter").and(takesArguments(1))
                .and(takesArgument(0, named("java.io.Writer"))), PKG + "NewJsonWriterAdvice"));
    }
}
