package dev.warden.bench;

import dev.warden.policy.engine.RequestView;
import java.util.List;
import java.util.Map;

/**
 * A minimal {@link RequestView}: fixed method, path and headers, built once in a benchmark's setup so that the
 * measured code sees the same request every time and nothing of the server side is measured.
 */
final class FakeRequest implements RequestView {

    private final String method;
    private final String rawPath;
    private final Map<String, List<String>> headers;   // names as given; looked up case-insensitively

    FakeRequest(String method, String rawPath, Map<String, String> headers) {
        this.method = method;
        this.rawPath = rawPath;
        this.headers = Map.copyOf(headers.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
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
        return null;
    }

    @Override
    public List<String> headers(String name) {
        // A server's header map is case-insensitive; a linear scan over one or two entries is what it costs here.
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        }
        return List.of();
    }

    @Override
    public List<String> headerNames() {
        return List.copyOf(headers.keySet());
    }

    @Override
    public String clientIp() {
        return "127.0.0.1";
    }
}
