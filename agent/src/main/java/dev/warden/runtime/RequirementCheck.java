package dev.warden.runtime;

import dev.warden.instrumentation.Requirement;
import dev.warden.instrumentation.WardenInstrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Whether an instrumentation can apply in a class loader: its first required class is the library's presence (no
 * message when absent); every other class and method its advice and helpers use must exist, else it skips that
 * loader with one warning. Read from class files, without loading anything; cached per loader.
 */
final class RequirementCheck {

    private final WardenInstrumentation instrumentation;
    private final Map<ClassLoader, Boolean> verdicts = Collections.synchronizedMap(new WeakHashMap<>());

    RequirementCheck(WardenInstrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    boolean appliesTo(ClassLoader loader) {
        if (loader == null) return false;
        Boolean cached = verdicts.get(loader);
        if (cached != null) return cached;
        boolean verdict = check(loader);
        verdicts.put(loader, verdict);
        return verdict;
    }

    private boolean check(ClassLoader loader) {
        List<Requirement> requirements = instrumentation.requirements();
        if (requirements.isEmpty()) return true;
        String marker = requirements.get(0).className().replace('.', '/') + ".class";
        if (loader.getResource(marker) == null) return false;
        TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(loader));
        List<String> missing = new ArrayList<>();
        for (Requirement r : requirements) {
            TypePool.Resolution resolution = pool.describe(r.className());
            if (!resolution.isResolved()) {
                missing.add(r.className());
                continue;
            }
            for (String method : r.methods()) {
                if (!hasMethod(resolution.resolve(), method)) missing.add(r.className() + "." + method);
            }
        }
        if (missing.isEmpty()) return true;
        Log.warnOnce("skip:" + instrumentation.name() + ":" + missing, "instrumentation " + instrumentation.name()
                + " skipped: the library version in " + loader.getClass().getName() + " lacks " + String.join(", ", missing)
                + " (supported: " + instrumentation.supportedVersions() + "); JSON bodies are still masked on the wire where a server hook applies");
        return false;
    }

    private static boolean hasMethod(TypeDescription type, String signature) {
        String name = signature.substring(0, signature.indexOf('('));
        String args = signature.substring(signature.indexOf('(') + 1, signature.length() - 1);
        List<TypeDefinition> toVisit = new ArrayList<>();
        toVisit.add(type);
        for (int i = 0; i < toVisit.size() && i < 64; i++) {
            TypeDefinition t = toVisit.get(i);
            for (MethodDescription.InDefinedShape m : t.asErasure().getDeclaredMethods()) {
                if (m.getName().equals(name) && String.join(",", m.getParameters().asTypeList().asErasures()
                        .stream().map(TypeDescription::getActualName).toList()).equals(args)) {
                    return true;
                }
            }
            if (t.getSuperClass() != null) toVisit.add(t.getSuperClass());
            toVisit.addAll(t.getInterfaces());
        }
        return false;
    }
}
