package dev.warden.it;

/** Fail-closed bodies on test-apps/webflux (Reactor Netty: the body through Warden's Netty pipeline handler). */
class WebfluxFailClosedTest extends AbstractFailClosedTest {
    @Override
    protected String appName() {
        return "webflux";
    }
}
