package dev.warden.runtime;

import dev.warden.bootstrap.ExchangeView;
import dev.warden.policy.engine.RequestView;
import java.util.List;

/** Adapts the bridge's {@link ExchangeView} (bootstrap side) to the engine's {@link RequestView} (pure policy side). */
record ExchangeRequest(ExchangeView exchange) implements RequestView {

    @Override
    public String method() {
        return exchange.method();
    }

    @Override
    public String rawPath() {
        return exchange.rawPath();
    }

    @Override
    public String query() {
        return exchange.query();
    }

    @Override
    public List<String> headers(String name) {
        return exchange.headers(name);
    }

    @Override
    public List<String> headerNames() {
        return exchange.headerNames();
    }

    @Override
    public String clientIp() {
        return exchange.clientIp();
    }

    @Override
    public java.security.cert.X509Certificate[] clientCertificates() {
        return exchange.clientCertificates();
    }
}
