package dev.warden.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.warden.inventory.HtmlReport;
import dev.warden.inventory.Inventory;
import dev.warden.inventory.InventoryView;
import dev.warden.inventory.OpenApiWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Function;

/** GET /inventory (OpenAPI 3.1 JSON) and GET /inventory.html (the report) on the admin listener. */
final class InventoryEndpoint implements HttpHandler {

    private final Inventory inventory;
    private final String contentType;
    private final Function<InventoryView, byte[]> render;

    private InventoryEndpoint(Inventory inventory, String contentType, Function<InventoryView, byte[]> render) {
        this.inventory = inventory;
        this.contentType = contentType;
        this.render = render;
    }

    static void serve(AdminServer admin, Inventory inventory) {
        admin.route("/inventory", new InventoryEndpoint(inventory, "application/json", OpenApiWriter::toBytes));
        admin.route("/inventory.html", new InventoryEndpoint(inventory, "text/html; charset=utf-8", HtmlReport::toBytes));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] body = render.apply(inventory.view()); // whole first: a failure is a 500, not half a document
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
