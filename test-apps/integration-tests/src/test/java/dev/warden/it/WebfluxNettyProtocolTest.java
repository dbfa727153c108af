package dev.warden.it;

/** Netty protocol edges on test-apps/webflux (Reactor Netty (WebFlux), HTTP/1.1 only by default). */
class WebfluxNettyProtocolTest extends AbstractNettyProtocolTest {
    @Override
    protected String appName() {
        return "webflux";
    }

    @Override
    protected boolean speaksH2c() {
        return false;
    }
}
