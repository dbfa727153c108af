package dev.warden.instrumentation.undertow;

import dev.warden.bootstrap.ExchangeView;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.SSLSessionInfo;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** An Undertow exchange's request seen as Warden's neutral {@link ExchangeView}. */
public final class UndertowRequest implements ExchangeView {

    private final HttpServerExchange exchange;

    public UndertowRequest(HttpServerExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public String method() {
        return exchange.getRequestMethod().toString();
    }

    /** The request URI as received (not decoded); an absolute-form request's scheme and authority are left out. */
    @Override
    public String rawPath() {
        String uri = exchange.getRequestURI();
        if (uri == null || uri.isEmpty()) return "/";
        if (exchange.isHostIncludedInRequestURI()) {
            int scheme = uri.indexOf("://");
            int path = scheme < 0 ? uri.indexOf('/') : uri.indexOf('/', scheme + 3);
            return path < 0 ? "/" : uri.substring(path);
        }
        return uri;
    }

    @Override
    public String query() {
        String query = exchange.getQueryString();
        return query == null || query.isEmpty() ? null : query;
    }

    @Override
    public List<String> headers(String name) {
        HeaderValues values = exchange.getRequestHeaders().get(name);
        return values == null ? List.of() : new ArrayList<>(values);
    }

    @Override
    public List<String> headerNames() {
        List<String> names = new ArrayList<>();
        for (HttpString name : exchange.getRequestHeaders().getHeaderNames()) names.add(name.toString());
        return names;
    }

    /** The socket's peer, not {@code getSourceAddress()}, which a proxy-peer handler may have rewritten. */
    @Override
    public String clientIp() {
        InetSocketAddress peer = exchange.getConnection().getPeerAddress(InetSocketAddress.class);
        return peer == null || peer.getAddress() == null ? "" : peer.getAddress().getHostAddress();
    }

    /** On HTTPS with client authentication, the chain the TLS handshake verified. */
    @Override
    public X509Certificate[] clientCertificates() {
        SSLSessionInfo tls = exchange.getConnection().getSslSessionInfo();
        if (tls == null) return null;
        try {
            Certificate[] chain = tls.getPeerCertificates();
            X509Certificate[] certs = new X509Certificate[chain.length];
            for (int i = 0; i < chain.length; i++) {
                if (!(chain[i] instanceof X509Certificate x)) return null;
                certs[i] = x;
            }
            return certs;
        } catch (Exception e) {
            return null; // no verified client certificate (or one that would need a renegotiation)
        }
    }
}
