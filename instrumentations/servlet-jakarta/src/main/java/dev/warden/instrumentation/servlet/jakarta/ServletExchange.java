package dev.warden.instrumentation.servlet.jakarta;

import dev.warden.bootstrap.ExchangeView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;

/** A servlet request seen as Warden's neutral {@link ExchangeView}. */
public final class ServletExchange implements ExchangeView {

    private final HttpServletRequest request;

    public ServletExchange(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String rawPath() {
        return request.getRequestURI();
    }

    @Override
    public String query() {
        return request.getQueryString();
    }

    @Override
    public List<String> headers(String name) {
        return Collections.list(request.getHeaders(name));
    }

    @Override
    public List<String> headerNames() {
        return Collections.list(request.getHeaderNames());
    }

    @Override
    public String clientIp() {
        return request.getRemoteAddr();
    }

    /** Servlet containers expose the verified client chain under this standard attribute. */
    @Override
    public java.security.cert.X509Certificate[] clientCertificates() {
        Object chain = request.getAttribute("jakarta.servlet.request.X509Certificate");
        return chain instanceof java.security.cert.X509Certificate[] certs ? certs : null;
    }
}
