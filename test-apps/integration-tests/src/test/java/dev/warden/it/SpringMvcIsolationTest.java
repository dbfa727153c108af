package dev.warden.it;

/** Cross-request isolation on test-apps/spring-mvc, with Spring Boot's virtual threads on JDK 21+. */
class SpringMvcIsolationTest extends AbstractCrossRequestIsolationTest {
    @Override
    protected String appName() {
        return "spring-mvc";
    }

    @Override
    protected AppProcess.Builder threading(AppProcess.Builder app) {
        return Runtime.version().feature() >= 21 ? app.env("SPRING_THREADS_VIRTUAL_ENABLED", "true") : app;
    }
}
