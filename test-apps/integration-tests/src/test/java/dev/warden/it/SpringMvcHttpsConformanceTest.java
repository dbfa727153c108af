package dev.warden.it;

/** The conformance suite over HTTPS with a client certificate, on test-apps/spring-mvc (Tomcat's TLS connector). */
class SpringMvcHttpsConformanceTest extends AbstractHttpsConformanceSuite {
    @Override
    protected String appName() {
        return "spring-mvc";
    }
}
