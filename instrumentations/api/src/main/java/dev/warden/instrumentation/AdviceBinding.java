package dev.warden.instrumentation;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Methods matching {@code methods} get the advice class {@code adviceClassName} inlined. */
public record AdviceBinding(ElementMatcher<? super MethodDescription> methods, String adviceClassName) {
}
