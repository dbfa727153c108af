package dev.warden.instrumentation.gson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import dev.warden.bootstrap.JsonMaskCursor;
import dev.warden.instrumentation.testing.Documents;
import dev.warden.instrumentation.testing.Engines;
import dev.warden.policy.mask.MaskPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The differential test for Gson: 10,000 generated documents under generated rule sets, serialized by Gson through
 * the masking writer and, plainly, masked by the byte-level wire engine (fed in random chunk sizes), give the same
 * JSON. Both sides use the same Gson, so number text and null handling match; the comparison is on parsed trees
 * (Gson escapes '<', '=' and the like where the wire engine does not need to).
 */
class GsonAgreesWithWireEngineTest {

    private static final Gson GSON = new Gson();
    private static final Gson GSON_NULLS = new GsonBuilder().serializeNulls().create();

    @Provide
    Arbitrary<Object> documents() {
        return Documents.documents();
    }

    @Provide
    Arbitrary<String> responses() {
        return Documents.responses();
    }

    @Property(tries = 10_000)
    void gsonAndWireEngineAgree(@ForAll("documents") Object doc, @ForAll("responses") String response,
                                @ForAll boolean serializeNulls, @ForAll @IntRange(min = 1, max = 64) int chunk) throws IOException {
        Gson gson = serializeNulls ? GSON_NULLS : GSON;
        MaskPlan plan = Engines.plan(response);
        String viaWire = Engines.bytes(plan, gson.toJson(doc), chunk);
        String viaWriter = masked(gson, plan, doc);
        assertEquals(tree(viaWire), tree(viaWriter),
                () -> "document " + gson.toJson(doc) + "\nrules " + response + "\nwire   " + viaWire + "\nwriter " + viaWriter);
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
                        List.of("vip"), 1520.75, "Paid with 4111 1111 1111 1111, contact ada@example.com"),
                new Customer("c-1002", "Alan", null, null, null, List.of(), 0, ""));
        String viaWire = Engines.bytes(plan, GSON.toJson(customers), 5);
        String viaWriter = masked(GSON, plan, customers);
        assertEquals(tree(viaWire), tree(viaWriter), viaWire + "\n" + viaWriter);
        // and it did mask: neither the SSN nor a card number is there in clear
        assertEquals(-1, viaWriter.indexOf("123-45-6789"));
        assertEquals(-1, viaWriter.indexOf("4111111111111111"));
        assertEquals(-1, viaWriter.indexOf("4111 1111"));
    }

    /** What the hook produces: Gson's own writer for the response, wrapped. */
    static String masked(Gson gson, MaskPlan plan, Object doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonMaskCursor cursor = Engines.cursor(plan);
        OutputStreamWriter w = new OutputStreamWriter(Engines.output(out, cursor), StandardCharsets.UTF_8);
        JsonWriter real = gson.newJsonWriter(w);
        try (JsonWriter masking = new MaskingJsonWriter(real, cursor, Engines.output(out, cursor))) {
            gson.toJson(doc, doc == null ? Object.class : doc.getClass(), masking);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonElement tree(String json) {
        return JsonParser.parseString(json);
    }

    record Card(String number, String expiry) {
    }

    record Customer(String id, String name, String email, String ssn, Card card, List<String> tags, double balance,
                    String notes) {
    }

}
