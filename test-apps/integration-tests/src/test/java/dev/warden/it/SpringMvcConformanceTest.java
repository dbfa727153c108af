package dev.warden.it;

/** The conformance suite against test-apps/spring-mvc (Spring Boot, embedded Tomcat). */
class SpringMvcConformanceTest extends AbstractConformanceSuite {
    @Override
    protected String appName() {
        return "spring-mvc";
    }
}
