package dev.warden.instrumentation.servlet;

/** The servlet hook for jakarta.servlet (Servlet 5 and later). */
public final class JakartaServletInstrumentation extends ServletInstrumentation {

    public JakartaServletInstrumentation() {
        super("jakarta.servlet", "dev.warden.instrumentation.servlet.jakarta");
    }

    @Override
    public String name() {
        return "servlet-jakarta";
    }

    @Override
    public String supportedVersions() {
        return "jakarta.servlet 5.0-6.1 (Tomcat 10-11, Jetty 12 ee10, Undertow 2.3)";
    }
}
