package dev.warden.instrumentation.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import dev.warden.bootstrap.ExchangeView;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** A JDK HttpServer exchange seen as Warden's neutral {@link ExchangeView}. */
public final class ExchangeRequest implements ExchangeView {

    private final HttpExchange exchange;

    public ExchangeRequest(HttpExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public String method() {
        return exchange.getRequestMethod();
    }

    @Override
    public String rawPath() {
        String path = exchange.getRequestURI().getRawPath();
        return path == null ? "/" : path;
    }

    @Override
    public String query() {
        return exchange.getRequestURI().getRawQuery();
    }

    @Override
    public List<String> headers(String name) {
        List<String> values = exchange.getRequestHeaders().get(name);
        return values == null ? List.of() : values;
    }

    @Override
    public List<String> headerNames() {
        return new ArrayList<>(exchange.getRequestHeaders().keySet());
    }

    @Override
    public String clientIp() {
        InetSocketAddress peer = exchange.getRemoteAddress();
        return peer == null || peer.getAddress() == null ? "" : peer.getAddress().getHostAddress();
    }

    /** On HTTPS with client authentication, the chain the TLS handshake verified. */
    @Override
    public X509Certificate[] clientCertificates() {
        if (!(exchange instanceof HttpsExchange https)) return null;
        return ExchangeView.peerChain(https.getSSLSession());
    }
}
