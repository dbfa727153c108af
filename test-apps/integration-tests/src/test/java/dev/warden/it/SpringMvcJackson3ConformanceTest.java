package dev.warden.it;

/** The conformance suite against test-apps/spring-mvc-jackson3 (Spring Boot 4, Tomcat, Jackson 3). */
class SpringMvcJackson3ConformanceTest extends AbstractConformanceSuite {
    @Override
    protected String appName() {
        return "spring-mvc-jackson3";
    }
}
