package dev.warden.bootstrap;

import java.io.OutputStream;

/** The agent, as instrumentation helpers see it. Implemented in Warden's isolated class loader. */
public interface WardenRuntime {

    /**
     * Decides a request. Never throws and never returns null: an internal failure yields a denying scope
     * (fail closed).
     */
    RequestScope begin(ExchangeView exchange);

    /** The scope whose response body {@code out} writes to (through wrappers), or null. */
    RequestScope scopeOf(OutputStream out);

    /** Reports, once per key, something a user should know (an instrumentation that cannot apply, say). */
    void warnOnce(String key, String message);
}
