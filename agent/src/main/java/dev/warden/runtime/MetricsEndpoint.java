package dev.warden.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** GET /metrics on the admin listener: every metric of the registry in the Prometheus text format (0.0.4). */
final class MetricsEndpoint implements HttpHandler {

    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    MetricsEndpoint(PrometheusRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // written whole first: a scrape that fails half-way is a 500, not a truncated page a scraper would believe
        ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        writer.write(body, registry.scrape());
        exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
        exchange.sendResponseHeaders(200, body.size());
        try (OutputStream out = exchange.getResponseBody()) {
            body.writeTo(out);
        }
    }
}
