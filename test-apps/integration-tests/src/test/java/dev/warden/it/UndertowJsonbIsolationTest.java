package dev.warden.it;

/**
 * Cross-request isolation on test-apps/undertow-jsonb: each exchange is decided on an Undertow IO thread and handled
 * on a virtual thread (JDK 21+) or a worker thread, so Warden's per-request state must travel with the exchange.
 */
class UndertowJsonbIsolationTest extends AbstractCrossRequestIsolationTest {
    @Override
    protected String appName() {
        return "undertow-jsonb";
    }

    @Override
    protected AppProcess.Builder threading(AppProcess.Builder app) {
        return app;
    }
}
