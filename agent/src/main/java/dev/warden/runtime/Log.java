package dev.warden.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Warden's own messages, on stderr, prefixed "warden:". Deliberately not a logging framework: touching the
 * application's logging from premain can deadlock or reconfigure it. Callers never pass secrets here.
 */
public final class Log {

    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private Log() {
    }

    /** Per-request tracing for diagnosis and tests: off unless -Dwarden.debug=true. */
    public static final boolean DEBUG = Boolean.getBoolean("warden.debug");

    public static void debug(String message) {
        if (DEBUG) System.err.println("warden: debug: " + message);
    }

    public static void info(String message) {
        System.err.println("warden: " + message);
    }

    public static void warn(String message) {
        System.err.println("warden: WARNING: " + message);
    }

    /** Warns the first time {@code key} is seen, then stays quiet: a broken hook must not flood the log. */
    public static void warnOnce(String key, String message) {
        if (WARNED.add(key)) warn(message);
    }
}
