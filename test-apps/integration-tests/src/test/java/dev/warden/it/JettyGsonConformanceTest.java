package dev.warden.it;

/** The conformance suite against test-apps/jetty-gson (plain servlets on Jetty 12 ee10, Gson). */
class JettyGsonConformanceTest extends AbstractConformanceSuite {
    @Override
    protected String appName() {
        return "jetty-gson";
    }
}
