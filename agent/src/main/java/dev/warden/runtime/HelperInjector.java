package dev.warden.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Defines an instrumentation's helper classes in the application class loader where its advice is inlined (the
 * helpers extend the library's own types, so they must live there). Bytes come from Warden's isolated loader;
 * each loader gets each helper once. Weak keys: an undeployed application's loader is not kept alive.
 */
final class HelperInjector {

    private final ClassLoader source;
    private final Map<ClassLoader, Boolean> done = Collections.synchronizedMap(new WeakHashMap<>());
    private final List<String> helpers;

    HelperInjector(ClassLoader source, List<String> helpers) {
        this.source = source;
        this.helpers = helpers;
    }

    /** Injects the helpers into {@code loader} unless done already. Throws when that is impossible. */
    void inject(ClassLoader loader) throws Exception {
        if (helpers.isEmpty() || done.containsKey(loader)) return;
        synchronized (done) {
            if (done.containsKey(loader)) return;
            for (String name : helpers) {
                byte[] bytes;
                try (InputStream in = source.getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) throw new IOException("helper class " + name + " is missing from the agent jar");
                    bytes = in.readAllBytes();
                }
                try {
                    ModuleAccess.define(loader, name, bytes);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    // Already defined (by an earlier, partly failed attempt) is fine; anything else is not.
                    if (!(e.getCause() instanceof LinkageError) || !String.valueOf(e.getCause().getMessage()).contains("duplicate")) {
                        throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
                    }
                }
            }
            done.put(loader, Boolean.TRUE);
        }
    }
}
