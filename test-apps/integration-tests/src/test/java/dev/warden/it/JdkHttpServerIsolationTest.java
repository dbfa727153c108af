package dev.warden.it;

/** Cross-request isolation on test-apps/jdk-httpserver, whose executor is virtual threads on JDK 21+. */
class JdkHttpServerIsolationTest extends AbstractCrossRequestIsolationTest {
    @Override
    protected String appName() {
        return "jdk-httpserver";
    }

    @Override
    protected AppProcess.Builder threading(AppProcess.Builder app) {
        return app;
    }
}
