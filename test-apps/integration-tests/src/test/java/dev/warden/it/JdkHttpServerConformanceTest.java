package dev.warden.it;

/** The conformance suite against test-apps/jdk-httpserver (the JDK's com.sun.net.httpserver.HttpServer, Jackson 3). */
class JdkHttpServerConformanceTest extends AbstractConformanceSuite {
    @Override
    protected String appName() {
        return "jdk-httpserver";
    }
}
