package dev.warden.inventory;

import java.time.Instant;
import java.util.List;

/**
 * The whole inventory at one moment, as exported (OpenAPI, HTML) and compared (diff).
 *
 * @param generated         when this view was taken
 * @param since             when recording started
 * @param endpoints         by path, then method
 * @param maxEndpoints      endpoints kept at most
 * @param capped            whether endpoints were left out because the inventory was full
 * @param unrecorded        requests to endpoints left out (the inventory was full)
 * @param apiKeyHeader      the header API keys come in (for the security schemes), or null
 */
public record InventoryView(Instant generated, Instant since, List<EndpointView> endpoints, int maxEndpoints,
                            boolean capped, long unrecorded, String apiKeyHeader) {

    public InventoryView {
        endpoints = List.copyOf(endpoints);
    }

    public long shadowCount() {
        return endpoints.stream().filter(EndpointView::shadow).count();
    }

    public long sensitiveCount() {
        return endpoints.stream().filter(e -> !e.sensitive().isEmpty()).count();
    }
}
