package dev.warden.it;

/** The conformance suite over HTTPS with a client certificate, on test-apps/jdk-httpserver ({@code HttpsServer}). */
class JdkHttpServerHttpsConformanceTest extends AbstractHttpsConformanceSuite {
    @Override
    protected String appName() {
        return "jdk-httpserver";
    }
}
