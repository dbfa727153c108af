package dev.warden.it;

/** The conformance suite against test-apps/webflux (Spring WebFlux on Reactor Netty, Jackson 3). */
class WebfluxConformanceTest extends AbstractConformanceSuite {
    @Override
    protected String appName() {
        return "webflux";
    }
}
