package dev.warden.policy.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathTemplatesTest {

    @ParameterizedTest
    @CsvSource({
            "/api/customers/c-1001, /api/customers/{id}",
            "/api/customers/c-1001/raw, /api/customers/{id}/raw",
            "/api/customers, /api/customers",
            "/api/v2/orders/42, /api/v2/orders/{id}",
            "/api/orders/3f2b8c1e-9a4d-4c6e-8f00-1234567890ab/items, /api/orders/{id}/items",
            "/files/deadbeefdeadbeef, /files/{id}",
            "/api/customers/export, /api/customers/export",
            "/, /",
            "'', /"})
    void idsCollapseOtherSegmentsStay(String path, String template) {
        assertEquals(template, PathTemplates.collapse(path));
    }
}
