package dev.warden.instrumentation.servlet;

/**
 * The servlet hook for javax.servlet (Servlet 3.1 and 4.0). Its advice and helpers are servlet-jakarta's, relocated
 * to {@code dev.warden.instrumentation.servlet.javax} and {@code javax.servlet} when this module's jar is built.
 */
public final class JavaxServletInstrumentation extends ServletInstrumentation {

    public JavaxServletInstrumentation() {
        super("javax.servlet", "dev.warden.instrumentation.servlet.javax");
    }

    @Override
    public String name() {
        return "servlet-javax";
    }

    @Override
    public String supportedVersions() {
        return "javax.servlet 3.1-4.0 (tested on Tomcat 9)";
    }
}
