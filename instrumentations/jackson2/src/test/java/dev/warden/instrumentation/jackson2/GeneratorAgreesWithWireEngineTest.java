package dev.warden.instrumentation.jackson2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.bootstrap.JsonMaskCursor;
import dev.warden.instrumentation.testing.Engines;
import dev.warden.bootstrap.SerializerOutput;
import dev.warden.policy.mask.JsonWireMasker;
import dev.warden.policy.mask.MaskPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Jackson 2 masking generator and the wire engine, on the same plan and the same document, write the same
 * JSON: the serializer path (a tree written through the generator) and the bytes path must never disagree.
 */
class GeneratorAgreesWithWireEngineTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DOC = """
            [{"id":"c-1001","name":"Ada","email":"ada@example.com","ssn":"123-45-6789","balance":1520.75,
              "card":{"number":"4111111111111111","holder":"ADA"},"address":{"street":"12 St","city":"London","postcode":"SW1Y"},
              "tags":["vip"],"notes":"Paid with 4111 1111 1111 1111, contact ada@example.com","ok":true,"none":null},
             {"id":"c-1002","email":"x","card":{},"tags":[],"notes":""}]""";

    static MaskPlan plan(String response) {
        return Engines.plan(response);
    }

    static String wire(MaskPlan plan, String json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonWireMasker m = new JsonWireMasker(plan, out)) {
            m.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The hand-written byte engine, fed in chunks of {@code chunk} bytes. */
    static String bytes(MaskPlan plan, String json, int chunk) throws IOException {
        return Engines.bytes(plan, json, chunk);
    }

    static String generator(MaskPlan plan, Write write) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonMaskCursor adapter = Engines.cursor(plan);
        SerializerOutput output = Engines.output(out, adapter);
        try (JsonGenerator g = new MaskingJsonGenerator(MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8), adapter, output)) {
            write.to(g);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "fields: [{ select: [\"$..ssn\"], action: remove }, { select: [\"$..card.number\"], action: mask, keepLast: 4 }]",
            "allowFields: [\"$[*].id\", \"$[*].name\", \"$..city\"]",
            "fields: [{ detect: [pan], action: mask, keepLast: 4 }, { detect: [email], action: keepDomain }, { select: [\"$..email\"], action: remove }]",
            "fields: [{ keys: [\"*code\", \"SSN\"], action: remove }, { keys: [\"card\"], action: redact }, { keys: [\"tags\"], action: mask }]",
            "fields: [{ select: [\"$..ssn\"], action: tokenize }, { select: [\"$..id\"], action: hash }, { select: [\"$..card.number\"], action: fpe, luhn: true }]",
            "{ allowFields: [\"$..card\", \"$[*].notes\"], fields: [{ detect: [pan, email], action: redact }] }"})
    void sameOutput(String response) throws IOException {
        MaskPlan plan = plan(response);
        JsonNode tree = MAPPER.readTree(DOC);
        String viaWire = wire(plan, MAPPER.writeValueAsString(tree));
        String viaGenerator = generator(plan, g -> MAPPER.writeTree(g, tree));
        assertEquals(MAPPER.readTree(viaWire), MAPPER.readTree(viaGenerator), viaWire + "\n" + viaGenerator);
        String viaBytes = bytes(plan, MAPPER.writeValueAsString(tree), 7);
        assertEquals(MAPPER.readTree(viaWire), MAPPER.readTree(viaBytes), viaWire + "\n" + viaBytes);
        // objects, as a web framework serializes them (bean serializers, not a tree)
        List<Customer> pojos = MAPPER.readValue(FIXTURE, new com.fasterxml.jackson.core.type.TypeReference<List<Customer>>() { });
        String pojoWire = wire(plan, MAPPER.writeValueAsString(pojos));
        String pojoGenerator = generator(plan, g -> MAPPER.writeValue(g, pojos));
        assertEquals(MAPPER.readTree(pojoWire), MAPPER.readTree(pojoGenerator), pojoWire + "\n" + pojoGenerator);
    }

    /** The test apps' fixture, in the shapes the spring-mvc app serializes. */
    private static final String FIXTURE = """
            [{"id":"c-1001","name":"Ada Lovelace","email":"ada@example.com","phone":"+44 20 7946 0958","ssn":"123-45-6789",
              "card":{"number":"4111111111111111","expiry":"12/29","holder":"ADA LOVELACE"},
              "address":{"street":"12 St James's Square","city":"London","postcode":"SW1Y 4JH","country":"GB"},
              "tags":["vip"],"balance":1520.75,"notes":"Paid with 4111 1111 1111 1111, contact ada@example.com"},
             {"id":"c-1002","name":"Alan Turing","email":"alan.turing@example.org","phone":"+44 161 496 0000","ssn":"987-65-4321",
              "card":{"number":"5500005555555559","expiry":"01/28","holder":"ALAN TURING"},
              "address":{"street":"Wilmslow Road 1","city":"Manchester","postcode":"M20 2RN","country":"GB"},
              "tags":[],"balance":0,"notes":""}]""";

    record Card(String number, String expiry, String holder) {
    }

    record Address(String street, String city, String postcode, String country) {
    }

    record Customer(String id, String name, String email, String phone, String ssn, Card card, Address address,
                    List<String> tags, java.math.BigDecimal balance, String notes) {
    }

    interface Write {
        void to(JsonGenerator g) throws IOException;
    }
}
