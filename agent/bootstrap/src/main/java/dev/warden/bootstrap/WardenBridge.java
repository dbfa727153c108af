package dev.warden.bootstrap;

import java.io.OutputStream;

/**
 * The single static entry point that inlined advice and injected helpers call. Loaded by the bootstrap class
 * loader, so it is the same class for every application class loader.
 */
public final class WardenBridge {

    private static volatile WardenRuntime runtime;
    /** Set while the outermost hooked dispatch of a request runs on this thread: nested filters and servlets skip. */
    private static final ThreadLocal<Boolean> DISPATCHING = new ThreadLocal<>();

    private WardenBridge() {
    }

    public static void install(WardenRuntime r) {
        runtime = r;
    }

    /** The runtime, or null before the agent finished starting (instrumentation is installed only after it). */
    public static WardenRuntime runtime() {
        return runtime;
    }

    /** True inside the outermost hooked dispatch on this thread (checked first by every servlet hook: cheap). */
    public static boolean dispatching() {
        return DISPATCHING.get() != null;
    }

    public static void dispatching(boolean on) {
        if (on) DISPATCHING.set(Boolean.TRUE);
        else DISPATCHING.remove();
    }

    /** Shortcut for serializer hooks: the guarded request behind {@code out}, or null. */
    public static RequestScope scopeOf(OutputStream out) {
        WardenRuntime r = runtime;
        return r == null || out == null ? null : r.scopeOf(out);
    }
}
