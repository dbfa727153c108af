package dev.warden.it;

/**
 * Cross-request isolation on test-apps/webflux: reactive, requests multiplexed on a few event loops, responses
 * completed on other threads (timers, Reactor schedulers), so nothing per request may live in a thread.
 */
class WebfluxIsolationTest extends AbstractCrossRequestIsolationTest {
    @Override
    protected String appName() {
        return "webflux";
    }

    @Override
    protected AppProcess.Builder threading(AppProcess.Builder app) {
        return app;
    }

    /** Event loops are platform threads, on every JDK. */
    @Override
    protected String expectedThreads() {
        return "platform";
    }
}
