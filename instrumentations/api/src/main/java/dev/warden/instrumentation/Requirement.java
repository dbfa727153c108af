package dev.warden.instrumentation;

import java.util.List;

/**
 * A class the advice or helpers reference, and the methods on it they call (written {@code name(argType,...)}
 * with fully qualified argument types). Checked before applying, as OpenTelemetry's muzzle does.
 */
public record Requirement(String className, List<String> methods) {

    public static Requirement of(String className, String... methods) {
        return new Requirement(className, List.of(methods));
    }
}
