package dev.warden.inventory;

import static dev.warden.inventory.Observations.refused;
import static dev.warden.inventory.Observations.sampleOf;
import static dev.warden.inventory.Observations.served;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiTest {

    static Inventory sampleInventory() {
        Inventory inv = new Inventory(100, 3, "X-API-Key", Instant.parse("2026-01-01T09:00:00Z"));
        inv.record(served("GET", "/api/customers/c-1001", "/api/customers/{id}", "customers", 200,
                sampleOf(inv, "GET", "/api/customers/c-1001", ResponseSampleTest.CUSTOMER)));
        inv.record(refused("GET", "/api/customers/c-1001", "customers", "deny:unauthenticated", 401));
        inv.record(served("GET", "/api/customers", "/api/customers", "customers", 200,
                sampleOf(inv, "GET", "/api/customers", "[" + ResponseSampleTest.CUSTOMER + "]")));
        inv.record(served("GET", "/api/debug/headers", null, null, 200,
                sampleOf(inv, "GET", "/api/debug/headers", "{\"accept\":[\"*/*\"]}")));
        inv.record(served("PROPFIND", "/dav/x", null, null, 207));
        return inv;
    }

    @Test
    void whatIsWrittenReadsBackTheSame() throws IOException {
        InventoryView view = sampleInventory().view();
        byte[] json = OpenApiWriter.toBytes(view);
        InventoryView back = OpenApiReader.read(new ByteArrayInputStream(json));
        assertEquals(view, back);
    }

    @Test
    void itIsAnOpenApiDocumentWithWardensExtensions() throws IOException {
        byte[] json = OpenApiWriter.toBytes(sampleInventory().view());
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) JsonTree.read(new ByteArrayInputStream(json));
        assertEquals("3.1.0", doc.get("openapi"));
        Map<?, ?> paths = (Map<?, ?>) doc.get("paths");
        Map<?, ?> item = (Map<?, ?>) paths.get("/api/customers/{id}");
        assertEquals(List.of(Map.of("name", "id", "in", "path", "required", true, "schema", Map.of("type", "string"))),
                item.get("parameters"));
        Map<?, ?> get = (Map<?, ?>) item.get("get");
        assertEquals(List.of(Map.of("apiKey", List.of())), get.get("security"));
        assertEquals(false, get.get("x-warden-shadow"));
        assertEquals(Map.of("deny:unauthenticated", 1L), get.get("x-warden-denials"));
        Map<?, ?> schema = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) get.get("responses")).get("200"))
                .get("content")).get("application/json")).get("schema");
        Map<?, ?> card = (Map<?, ?>) ((Map<?, ?>) schema.get("properties")).get("card");
        assertEquals(Map.of("type", "string", "x-warden-sensitive", List.of("pan")),
                ((Map<?, ?>) card.get("properties")).get("number"));
        assertEquals(List.of("pan"), ((Map<?, ?>) get.get("x-warden-sensitive")).get("$.card.number"));
        Map<?, ?> headers = (Map<?, ?>) ((Map<?, ?>) paths.get("/api/debug/headers")).get("get");
        assertEquals(true, headers.get("x-warden-shadow"));
        assertEquals(List.of(Map.of()), headers.get("security"), "anonymous: an empty requirement");
        assertTrue(((Map<?, ?>) ((Map<?, ?>) paths.get("/dav/x")).get("x-warden-operations")).containsKey("PROPFIND"));
        assertEquals(Map.of("apiKey", Map.of("type", "apiKey", "in", "header", "name", "X-API-Key")),
                ((Map<?, ?>) doc.get("components")).get("securitySchemes"));
    }

    @Test
    void somethingElseIsRefusedWithAReason() {
        IOException e = assertThrows(IOException.class, () -> OpenApiReader.read(
                new ByteArrayInputStream("{\"openapi\":\"3.1.0\",\"paths\":{}}".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("x-warden-inventory"), e.getMessage());
        assertThrows(IOException.class, () -> OpenApiReader.read(new ByteArrayInputStream("[1]".getBytes(StandardCharsets.UTF_8))));
    }
}
