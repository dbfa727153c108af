package dev.warden.it;

/** The conformance suite against test-apps/vertx (Vert.x Web on Netty, Vert.x JSON over Jackson core). */
class VertxConformanceTest extends AbstractConformanceSuite {
    @Override
    protected String appName() {
        return "vertx";
    }
}
