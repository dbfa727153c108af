package dev.warden.runtime;

import java.io.FilterOutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;

/**
 * The two pieces of JDK internals Warden needs, opened through the Instrumentation API (no Unsafe, no warnings):
 * {@code ClassLoader.defineClass} to inject helpers, and {@code FilterOutputStream.out} to see through stream
 * wrappers to a guarded response.
 */
final class ModuleAccess {

    private static volatile Method defineClass;
    private static volatile VarHandle filterOut;

    private ModuleAccess() {
    }

    static void open(Instrumentation inst, Module warden) {
        Module base = Object.class.getModule();
        inst.redefineModule(base, Set.of(), Map.of(),
                Map.of("java.lang", Set.of(warden), "java.io", Set.of(warden)), Set.of(), Map.of());
        try {
            Method m = ClassLoader.class.getDeclaredMethod("defineClass", String.class, byte[].class, int.class,
                    int.class, ProtectionDomain.class);
            m.setAccessible(true);
            defineClass = m;
            filterOut = MethodHandles.privateLookupIn(FilterOutputStream.class, MethodHandles.lookup())
                    .findVarHandle(FilterOutputStream.class, "out", java.io.OutputStream.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warn("cannot open JDK internals (" + e + "); hooks that need helpers will be skipped");
        }
    }

    static Class<?> define(ClassLoader loader, String name, byte[] bytes) throws ReflectiveOperationException {
        Method m = defineClass;
        if (m == null) throw new IllegalStateException("ClassLoader.defineClass is not accessible");
        return (Class<?>) m.invoke(loader, name, bytes, 0, bytes.length, null);
    }

    /** The stream a FilterOutputStream writes to, or null when that cannot be read. */
    static java.io.OutputStream unwrap(FilterOutputStream stream) {
        VarHandle h = filterOut;
        return h == null ? null : (java.io.OutputStream) h.get(stream);
    }
}
