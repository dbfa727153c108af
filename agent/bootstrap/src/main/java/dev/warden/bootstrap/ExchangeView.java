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

    /** The peer's verified X.509 chain of a TLS session, leaf first, or null (no session, no client certificate). */
    static java.security.cert.X509Certificate[] peerChain(javax.net.ssl.SSLSession session) {
        if (session == null) return null;
        try {
            java.security.cert.Certificate[] chain = session.getPeerCertificates();
            java.security.cert.X509Certificate[] certs = new java.security.cert.X509Certificate[chain.length];
            for (int i = 0; i < chain.length; i++) {
                if (!(chain[i] instanceof java.security.cert.X509Certificate x)) return null;
                certs[i] = x;
            }
            return certs;
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
