package dev.warden.runtime;

import dev.warden.instrumentation.AdviceBinding;
import dev.warden.instrumentation.Requirement;
import dev.warden.instrumentation.WardenInstrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Whether an instrumentation can apply in a class loader: its first required class is the library's presence (no
 * message when absent); every other declared requirement, and every class, method and field its advice and helpers
 * use (read from their bytecode, see {@link References}), must exist, else it skips that loader with one warning.
 * Read from class files, without loading anything; cached per loader.
 */
final class RequirementCheck {

    private final WardenInstrumentation instrumentation;
    private final ClassLoader wardenLoader;
    private final Map<ClassLoader, Boolean> verdicts = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile References references;

    RequirementCheck(WardenInstrumentation instrumentation, ClassLoader wardenLoader) {
        this.instrumentation = instrumentation;
        this.wardenLoader = wardenLoader;
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
        Set<String> missing = new LinkedHashSet<>(); // declared and read from bytecode: each named once
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
        try {
            missing.addAll(missingReferences(pool));
        } catch (java.io.IOException | RuntimeException e) {
            missing.add("(its own class files could not be read: " + e + ")");
        }
        if (missing.isEmpty()) return true;
        Log.warnOnce("skip:" + instrumentation.name() + ":" + missing, "instrumentation " + instrumentation.name()
                + " skipped: the library version in " + loader.getClass().getName() + " lacks " + String.join(", ", missing)
                + " (supported: " + instrumentation.supportedVersions() + "); JSON bodies are still masked on the wire where a server hook applies");
        return false;
    }

    /** What the advice and helpers use (read from their bytecode) that {@code pool}'s loader does not have. */
    List<String> missingReferences(TypePool pool) throws java.io.IOException {
        References refs = references;
        if (refs == null) {
            List<String> classes = new ArrayList<>(instrumentation.helperClassNames());
            for (AdviceBinding b : instrumentation.advice()) classes.add(b.adviceClassName());
            references = refs = References.of(wardenLoader, classes);
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : refs.uses().entrySet()) {
            String className = e.getKey().replace('/', '.');
            TypePool.Resolution resolution = pool.describe(className);
            if (!resolution.isResolved()) {
                missing.add(className);
                continue;
            }
            for (String member : e.getValue()) {
                if (!hasMember(resolution.resolve(), member)) missing.add(className + "." + readable(member));
            }
        }
        return missing;
    }

    /** A member as {@link References} records it ({@code name(desc)ret} or {@code name:desc}), found in the hierarchy. */
    private static boolean hasMember(TypeDescription type, String member) {
        int colon = member.indexOf(':');
        int paren = member.indexOf('(');
        boolean field = paren < 0;
        String name = field ? member.substring(0, colon) : member.substring(0, paren);
        String desc = field ? member.substring(colon + 1) : member.substring(paren);
        for (TypeDefinition t : hierarchy(type)) {
            if (field) {
                for (FieldDescription.InDefinedShape f : t.asErasure().getDeclaredFields()) {
                    if (f.getName().equals(name) && f.getDescriptor().equals(desc)) return true;
                }
            } else {
                for (MethodDescription.InDefinedShape m : t.asErasure().getDeclaredMethods()) {
                    if (m.getInternalName().equals(name) && m.getDescriptor().equals(desc)) return true;
                }
            }
        }
        return false;
    }

    /** The type, its superclasses and interfaces (bounded), then Object, whose methods interfaces also have. */
    private static List<TypeDefinition> hierarchy(TypeDescription type) {
        List<TypeDefinition> all = new ArrayList<>();
        all.add(type);
        for (int i = 0; i < all.size() && i < 64; i++) {
            TypeDefinition t = all.get(i);
            if (t.getSuperClass() != null) all.add(t.getSuperClass());
            all.addAll(t.getInterfaces());
        }
        all.add(TypeDescription.ForLoadedType.of(Object.class));
        return all;
    }

    /** {@code getAll(Ljava/lang/String;)Ljava/util/List;} as {@code getAll(java.lang.String)}. */
    private static String readable(String member) {
        int paren = member.indexOf('(');
        if (paren < 0) return member.substring(0, member.indexOf(':'));
        StringBuilder b = new StringBuilder(member.substring(0, paren)).append('(');
        net.bytebuddy.jar.asm.Type[] args = net.bytebuddy.jar.asm.Type.getArgumentTypes(member.substring(paren));
        for (int i = 0; i < args.length; i++) b.append(i == 0 ? "" : ",").append(args[i].getClassName());
        return b.append(')').toString();
    }

    /** A method declared as {@code name(java.lang.String,int)}, found in the hierarchy. */
    private static boolean hasMethod(TypeDescription type, String signature) {
        String name = signature.substring(0, signature.indexOf('('));
        String args = signature.substring(signature.indexOf('(') + 1, signature.length() - 1);
        for (TypeDefinition t : hierarchy(type)) {
            for (MethodDescription.InDefinedShape m : t.asErasure().getDeclaredMethods()) {
                if (m.getName().equals(name) && String.join(",", m.getParameters().asTypeList().asErasures()
                        .stream().map(TypeDescription::getActualName).toList()).equals(args)) {
                    return true;
                }
            }
        }
        return false;
    }
}
