package dev.warden.it;

/** The conformance suite against test-apps/micronaut (Micronaut 4 on its Netty HTTP server, Jackson databind). */
class MicronautConformanceTest extends AbstractConformanceSuite {
    @Override
    protected String appName() {
        return "micronaut";
    }
}
