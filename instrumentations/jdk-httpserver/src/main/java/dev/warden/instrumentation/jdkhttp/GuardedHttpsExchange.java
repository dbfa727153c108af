package dev.warden.instrumentation.jdkhttp;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpsExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import javax.net.ssl.SSLSession;

/**
 * {@link GuardedExchange} for HTTPS: an application may test {@code instanceof HttpsExchange} and ask for the TLS
 * session, so the guarded exchange must stay one. Every method is the guarded exchange's, plus the session.
 */
public final class GuardedHttpsExchange extends HttpsExchange {

    private final GuardedExchange guarded;
    private final HttpsExchange real;

    GuardedHttpsExchange(GuardedExchange guarded, HttpsExchange real) {
        this.guarded = guarded;
        this.real = real;
    }

    @Override
    public SSLSession getSSLSession() {
        return real.getSSLSession();
    }

    @Override
    public Headers getRequestHeaders() {
        return guarded.getRequestHeaders();
    }

    @Override
    public Headers getResponseHeaders() {
        return guarded.getResponseHeaders();
    }

    @Override
    public URI getRequestURI() {
        return guarded.getRequestURI();
    }

    @Override
    public String getRequestMethod() {
        return guarded.getRequestMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        return guarded.getHttpContext();
    }

    @Override
    public void close() {
        guarded.close();
    }

    @Override
    public InputStream getRequestBody() {
        return guarded.getRequestBody();
    }

    @Override
    public OutputStream getResponseBody() {
        return guarded.getResponseBody();
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        guarded.sendResponseHeaders(code, length);
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return guarded.getRemoteAddress();
    }

    @Override
    public int getResponseCode() {
        return guarded.getResponseCode();
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return guarded.getLocalAddress();
    }

    @Override
    public String getProtocol() {
        return guarded.getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return guarded.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        guarded.setAttribute(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        guarded.setStreams(i, o);
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return guarded.getPrincipal();
    }
}
