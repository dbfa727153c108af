package dev.warden.it;

/** The container smoke test on test-apps/webflux (Reactor Netty, Jackson 3). */
class WebfluxContainerSmokeTest extends AbstractContainerSmokeTest {
    @Override
    protected String appName() {
        return "webflux";
    }
}
