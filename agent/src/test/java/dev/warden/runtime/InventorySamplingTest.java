package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.bootstrap.JsonMaskCursor;
import dev.warden.bootstrap.SerializerOutput;
import dev.warden.inventory.EndpointView;
import dev.warden.inventory.Inventory;
import dev.warden.policy.LoadResult;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.engine.Decider;
import dev.warden.policy.engine.FixedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The first responses of an endpoint are read for the inventory as the application wrote them — beside the wire
 * engine, through a serializer hook's cursor, or passed through untouched where nothing masks — and the client
 * still gets exactly what it would have got.
 */
class InventorySamplingTest {

    private static final String POLICY = """
            version: 1
            defaults:
              authenticate: none
              unmatched: allow
            routes:
              - id: customers
                match: { path: "/api/customers/**" }
                response:
                  fields:
                    - { select: ["$..ssn"], action: remove }
                    - { select: ["$..card.number"], action: mask, keepLast: 4 }
            """;
    private static final String BODY = "{\"id\":\"c-1\",\"email\":\"ada@example.com\",\"ssn\":\"123-45-6789\","
            + "\"card\":{\"number\":\"4111111111111111\"}}";
    private static final String MASKED = "{\"id\":\"c-1\",\"email\":\"ada@example.com\","
            + "\"card\":{\"number\":\"************1111\"}}";

    private final Decider decider = decider();
    private final Inventory inventory = new Inventory(100, 3, null, Instant.EPOCH);
    private final Observers observers = new Observers(List.of(new InventoryObserver(inventory)));

    @AfterEach
    void close() {
        decider.close();
    }

    private RequestScopeImpl scope(String path) {
        return new RequestScopeImpl(decider.decide(new FixedRequest("GET", path)), "GET", path, observers, "127.0.0.1");
    }

    private EndpointView endpoint(String key) {
        return inventory.view().endpoints().stream().filter(e -> e.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " not in " + inventory.view().endpoints()));
    }

    private static final Map<String, Set<String>> BEFORE_MASKING = Map.of(
            "$.email", Set.of("email"), "$.ssn", Set.of("ssn"), "$.card.number", Set.of("pan"));

    @Test
    void theWireEngineMasksWhatASampleReadsInFull() throws IOException {
        RequestScopeImpl scope = scope("/api/customers/c-1");
        assertTrue(scope.masksResponse());
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        try (OutputStream body = scope.bodyStream(client, "application/json")) {
            body.write(BODY.getBytes(StandardCharsets.UTF_8));
        }
        scope.end(200, null);
        assertEquals(MASKED, client.toString(StandardCharsets.UTF_8));
        assertEquals(BEFORE_MASKING, endpoint("GET /api/customers/{id}").sensitive());
    }

    @Test
    void aCompressedBodyIsReadDecoded() throws IOException {
        RequestScopeImpl scope = scope("/api/customers/c-1");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(gz)) {
            z.write(BODY.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        try (OutputStream body = scope.bodyStream(client, "application/json", "gzip")) {
            body.write(gz.toByteArray());
        }
        scope.end(200, null);
        assertEquals(MASKED, client.toString(StandardCharsets.UTF_8));
        assertEquals(BEFORE_MASKING, endpoint("GET /api/customers/{id}").sensitive());
    }

    @Test
    void aSerializerHooksCursorIsReadBeforeItDecides() throws IOException {
        RequestScopeImpl scope = scope("/api/customers/c-1");
        SerializerOutput out = scope.serializerOutput(new ByteArrayOutputStream());
        JsonMaskCursor cursor = out.cursor();
        assertEquals(JsonMaskCursor.EMIT, cursor.startObject());
        cursor.field("ssn");
        assertEquals(JsonMaskCursor.SKIP, cursor.string("123-45-6789"), "the policy still decides");
        cursor.field("email");
        assertEquals(JsonMaskCursor.EMIT, cursor.string("ada@example.com"));
        cursor.endContainer();
        scope.end(200, null);
        assertEquals(Map.of("$.email", Set.of("email"), "$.ssn", Set.of("ssn")), endpoint("GET /api/customers/{id}").sensitive());
    }

    @Test
    void whereNothingMasksTheBodyPassesUntouchedAndIsRead() throws IOException {
        RequestScopeImpl scope = scope("/api/debug/echo");
        assertTrue(scope.masksResponse(), "sampled: the server hook must hand the body over");
        assertEquals(null, scope.serializerOutput(new ByteArrayOutputStream()), "no serializer masking");
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        OutputStream body = scope.bodyStream(client, "application/json");
        assertNotSame(client, body);
        body.write(BODY.getBytes(StandardCharsets.UTF_8));
        body.close();
        scope.end(200, null);
        assertEquals(BODY, client.toString(StandardCharsets.UTF_8));
        assertEquals(BEFORE_MASKING, endpoint("GET /api/debug/echo").sensitive());
        assertTrue(endpoint("GET /api/debug/echo").shadow());
    }

    @Test
    void anEncodedBodyNothingMasksIsNotTouched() {
        RequestScopeImpl scope = scope("/api/debug/echo");
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        assertSame(client, scope.bodyStream(client, "application/json", "br"));
        assertSame(client, scope.bodyStream(client, "text/plain", null));
    }

    @Test
    void afterTheFirstFewResponsesNothingIsRead() throws IOException {
        for (int i = 0; i < 3; i++) {
            RequestScopeImpl s = scope("/api/debug/echo");
            s.bodyStream(new ByteArrayOutputStream(), "application/json").close();
            s.end(200, null);
        }
        RequestScopeImpl fourth = scope("/api/debug/echo");
        assertFalse(fourth.masksResponse(), "not sampled, nothing to mask: the server hook leaves the body alone");
        fourth.end(200, null);
        assertEquals(4, endpoint("GET /api/debug/echo").calls());
    }

    @Test
    void theFrameworksTemplateNamesTheEndpoint() {
        RequestScopeImpl scope = scope("/api/customers/c-1");
        scope.routeTemplate("/api/customers/{customerId}");
        scope.end(200, null);
        assertTrue(endpoint("GET /api/customers/{customerId}").fromFramework());
    }

    private static Decider decider() {
        LoadResult r = PolicyLoader.parse("inventory.yaml", POLICY);
        assertTrue(r.ok(), () -> r.errors().toString());
        return new Decider(r.policy());
    }
}
