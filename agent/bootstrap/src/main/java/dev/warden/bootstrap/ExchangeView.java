package dev.warden.bootstrap;

import java.util.List;

/** A server's request, seen through JDK types only; each instrumentation adapts its library's request to this. */
public interface ExchangeView {

    String method();

    /** The request path as received, percent-encoded, without the query. */
    String rawPath();

    /** The raw query string, or null. */
    String query();

    /** Every value of the named header (case-insensitive), empty when absent. */
    List<String> headers(String name);

    List<String> headerNames();

    /** The socket peer's address. */
    String clientIp();

    /** The client certificate chain the server verified (mTLS), leaf first, or null. */
    default java.security.cert.X509Certificate[] clientCertificates() {
        return null;
    }
}
