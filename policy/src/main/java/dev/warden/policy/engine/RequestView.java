package dev.warden.policy.engine;

import java.util.List;

/** What the engine needs to know about a request, whatever server received it. */
public interface RequestView {

    String method();

    /** The path as received, still percent-encoded, without the query string. */
    String rawPath();

    /** The raw query string, or null. */
    String query();

    /** All values of a header (case-insensitive name), empty when absent. */
    List<String> headers(String name);

    /** The names of all headers present (any case). */
    List<String> headerNames();

    /** The socket peer's address. */
    String clientIp();

    /** The client certificate chain the server verified (mTLS), leaf first, or null. */
    default java.security.cert.X509Certificate[] clientCertificates() {
        return null;
    }
}
