package dev.warden.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Puts the bridge classes ({@code dev.warden.bootstrap}) into the bootstrap class loader, where every class loader
 * can see them. They are defined there directly rather than by appending the agent jar to the bootstrap class
 * path: an append makes HotSpot print a warning on every start and turns class data sharing off for all
 * non-bootstrap classes, slowing the application's start-up. The append remains the fallback.
 */
final class BootstrapBridge {

    static final String PACKAGE_PATH = "dev/warden/bootstrap/";

    private BootstrapBridge() {
    }

    static void install(Instrumentation inst, JarFile jar) throws IOException {
        try {
            defineInBootLoader(inst, jar);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            inst.appendToBootstrapClassLoaderSearch(jar);
        }
    }

    private static void defineInBootLoader(Instrumentation inst, JarFile jar) throws IOException, ReflectiveOperationException {
        inst.redefineModule(Object.class.getModule(), Set.of(),
                Map.of("jdk.internal.misc", Set.of(BootstrapBridge.class.getModule())), Map.of(), Set.of(), Map.of());
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        List<JarEntry> entries = new ArrayList<>();
        for (JarEntry e : Collections.list(jar.entries())) {
            if (e.getName().startsWith(PACKAGE_PATH) && e.getName().endsWith(".class")) entries.add(e);
        }
        if (entries.isEmpty()) throw new IllegalStateException("no bridge classes in " + jar.getName());
        for (JarEntry e : entries) {
            String name = e.getName().substring(0, e.getName().length() - ".class".length()).replace('/', '.');
            if (isInBootLoader(name)) continue; // a second agent start in the same JVM
            byte[] bytes;
            try (InputStream in = jar.getInputStream(e)) {
                bytes = in.readAllBytes();
            }
            define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
        }
    }

    private static boolean isInBootLoader(String name) {
        try {
            Class.forName(name, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
