package dev.warden.it;

/** The container smoke test on test-apps/spring-mvc (Tomcat, Jackson 2). */
class SpringMvcContainerSmokeTest extends AbstractContainerSmokeTest {
    @Override
    protected String appName() {
        return "spring-mvc";
    }
}
