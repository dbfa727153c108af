package dev.warden.it;

/** Fail-closed bodies on test-apps/spring-mvc (Tomcat: the body through the servlet response). */
class SpringMvcFailClosedTest extends AbstractFailClosedTest {
    @Override
    protected String appName() {
        return "spring-mvc";
    }
}
