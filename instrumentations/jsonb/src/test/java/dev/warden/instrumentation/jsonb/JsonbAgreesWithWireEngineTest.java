package dev.warden.instrumentation.jsonb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.instrumentation.testing.Documents;
import dev.warden.instrumentation.testing.Engines;
import dev.warden.policy.mask.MaskPlan;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.eclipse.yasson.YassonJsonb;
import org.junit.jupiter.api.Test;

/**
 * The differential test for JSON-B: 10,000 generated documents under generated rule sets, serialized by Yasson
 * through the masking JSON-P generator and, plainly, masked by the byte-level wire engine (fed in random chunk
 * sizes), give the same JSON (compared as parsed JSON-P values).
 */
class JsonbAgreesWithWireEngineTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Provide
    Arbitrary<Object> documents() {
        return Documents.documents().filter(d -> d != null); // JSON-B has no document for a bare null
    }

    @Provide
    Arbitrary<String> responses() {
        return Documents.responses();
    }

    @Property(tries = 10_000)
    void jsonbAndWireEngineAgree(@ForAll("documents") Object doc, @ForAll("responses") String response,
                                 @ForAll @IntRange(min = 1, max = 64) int chunk) throws IOException {
        MaskPlan plan = Engines.plan(response);
        String plain = JSONB.toJson(doc);
        String viaWire = Engines.bytes(plan, plain, chunk);
        String viaGenerator = masked(plan, doc);
        assertEquals(tree(viaWire), tree(viaGenerator),
                () -> "document " + plain + "\nrules " + response + "\nwire      " + viaWire + "\ngenerator " + viaGenerator);
    }

    @Test
    void theFixtureShapesAgreeAsBeansToo() throws IOException {
        MaskPlan plan = Engines.plan("""
                fields:
                  - { select: ["$..ssn"], action: remove }
                  - { select: ["$..card.number"], action: mask, keepLast: 4 }
                  - { detect: [pan, email], action: redact }
                """);
        List<Customer> customers = List.of(
                new Customer("c-1001", "Ada", "ada@example.com", "123-45-6789", new Card("4111111111111111", "12/29"),
                        List.of("vip"), new java.math.BigDecimal("1520.75"), "Paid with 4111 1111 1111 1111, contact ada@example.com"),
                new Customer("c-1002", "Alan", null, null, null, List.of(), java.math.BigDecimal.ZERO, ""));
        String viaWire = Engines.bytes(plan, JSONB.toJson(customers), 5);
        String viaGenerator = masked(plan, customers);
        assertEquals(tree(viaWire), tree(viaGenerator), viaWire + "\n" + viaGenerator);
        assertEquals(-1, viaGenerator.indexOf("123-45-6789"), viaGenerator);
        assertEquals(-1, viaGenerator.indexOf("4111111111111111"));
        assertEquals(-1, viaGenerator.indexOf("4111 1111"), viaGenerator);
        assertEquals(true, viaGenerator.contains("c-1001"), viaGenerator);
    }

    /** What the hook produces: the JSON-P generator Yasson writes through, wrapped. */
    static String masked(MaskPlan plan, Object doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new MaskingJsonGenerator(Json.createGenerator(out), Engines.cursor(plan))) {
            ((YassonJsonb) JSONB).toJson(doc, g);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonValue tree(String json) {
        if (json.isEmpty()) return null;
        try (var r = Json.createReader(new StringReader(json))) {
            return r.readValue();
        }
    }

    /** Public: Yasson serializes records by their components. */
    public record Card(String number, String expiry) {
    }

    public record Customer(String id, String name, String email, String ssn, Card card, List<String> tags,
                           java.math.BigDecimal balance, String notes) {
    }
}
