package dev.warden.cli;

import dev.warden.policy.engine.RequestView;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request {@code explain} describes, as the engine sees a real one: method, path, query, headers given on the
 * command line, a client address and optionally a client certificate.
 */
final class ExplainRequest implements RequestView {

    private final String method;
    private final String rawPath;
    private final String query;
    /** Lower-case name to values, in the order given; {@link #names} keeps the names as written. */
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();
    private final String clientIp;
    private final X509Certificate[] certificates;

    /** @param pathAndQuery the path as it would be sent, optionally with {@code ?query} */
    ExplainRequest(String method, String pathAndQuery, List<String[]> headers, String clientIp,
                   X509Certificate[] certificates) {
        this.method = method.toUpperCase(Locale.ROOT);
        int q = pathAndQuery.indexOf('?');
        this.rawPath = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        this.query = q < 0 ? null : pathAndQuery.substring(q + 1);
        for (String[] h : headers) {
            String key = h[0].toLowerCase(Locale.ROOT);
            if (!this.headers.containsKey(key)) names.add(h[0]);
            this.headers.computeIfAbsent(key, k -> new ArrayList<>()).add(h[1]);
        }
        this.clientIp = clientIp;
        this.certificates = certificates;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String rawPath() {
        return rawPath;
    }

    @Override
    public String query() {
        return query;
    }

    @Override
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public List<String> headerNames() {
        return List.copyOf(names);
    }

    @Override
    public String clientIp() {
        return clientIp;
    }

    @Override
    public X509Certificate[] clientCertificates() {
        return certificates;
    }

    /** The query's parameter names (their values may be secrets: never shown). */
    List<String> queryNames() {
        List<String> out = new ArrayList<>();
        if (query == null || query.isEmpty()) return out;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!name.isEmpty() && !out.contains(name)) out.add(name);
        }
        return out;
    }
}
