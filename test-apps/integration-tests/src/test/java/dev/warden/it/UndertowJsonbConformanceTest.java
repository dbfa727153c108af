package dev.warden.it;

import java.util.List;

/** The conformance suite against test-apps/undertow-jsonb (Undertow core handlers, no servlets; JSON-B by Yasson). */
class UndertowJsonbConformanceTest extends AbstractConformanceSuite {
    @Override
    protected String appName() {
        return "undertow-jsonb";
    }

    /**
     * Undertow's worker pool (jboss-threads, through XNIO) uses {@code sun.misc.Unsafe}, which JDK 24+ warns about
     * at start-up whether Warden is there or not; the app is run as its users would run it on those JDKs, with that
     * access allowed (the flag exists from JDK 23), so the suite's check for warnings still sees everything else.
     */
    @Override
    protected List<String> extraJvmArgs() {
        return Runtime.version().feature() >= 23 ? List.of("--sun-misc-unsafe-memory-access=allow") : List.of();
    }
}
