package dev.warden.it;

/** The conformance suite against test-apps/legacy-javax (Spring Boot 2.7, Tomcat 9 with javax.servlet, Jackson 2). */
class LegacyJavaxConformanceTest extends AbstractConformanceSuite {
    @Override
    protected String appName() {
        return "legacy-javax";
    }
}
