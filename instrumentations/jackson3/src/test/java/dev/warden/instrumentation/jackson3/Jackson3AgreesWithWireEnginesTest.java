package dev.warden.instrumentation.jackson3;

import dev.warden.bootstrap.JsonMaskCursor;
import dev.warden.instrumentation.testing.Engines;
import dev.warden.bootstrap.SerializerOutput;
import dev.warden.policy.mask.MaskPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Assertions;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Jackson 3 masking generator against the byte-level wire engine: 10,000 generated documents under generated
 * rule sets, serialized through the generator (as a tree and, for the fixture shapes, as records) and masked on the
 * wire, give the same JSON.
 */
class Jackson3AgreesWithWireEnginesTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> NAMES = List.of("ssn", "SSN", "email", "card", "number", "notes", "id", "name",
            "password", "city", "tags", "x", "é-ü", "a\"b");
    private static final List<String> TEXTS = List.of("", "plain", "4111 1111 1111 1111", "ada@example.com",
            "GB82 WEST 1234 5698 7654 32", "123-45-6789", "+44 20 7946 0958", "tab\tand\\slash", "ünïcödé ✓ 𝄞");
    private static final List<String> RULES = List.of(
            "{ select: [\"$..ssn\"], action: remove }",
            "{ keys: [\"*password*\", \"ssn\"], action: redact }",
            "{ select: [\"$..card.number\", \"$..number\"], action: mask, keepLast: 4 }",
            "{ detect: [pan, email, iban], action: mask, keepFirst: 1 }",
            "{ select: [\"$..id\"], action: hash }",
            "{ keys: [\"name\"], action: tokenize }",
            "{ select: [\"$..tags\"], action: mask }",
            "{ select: [\"$..card\"], action: redact, with: \"[card]\" }",
            "{ select: [\"$[*]\", \"$.x[1]\"], action: remove }",
            "{ detect: [pan, ssn, phone], action: remove }");

    static MaskPlan plan(String response) {
        return Engines.plan(response);
    }

    static String wire(MaskPlan plan, String json) throws IOException {
        return Engines.bytes(plan, json, 1 << 30);
    }

    static String generator(MaskPlan plan, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonMaskCursor adapter = Engines.cursor(plan);
        SerializerOutput output = Engines.output(out, adapter);
        try (JsonGenerator g = new MaskingJsonGenerator(MAPPER.createGenerator(out, JsonEncoding.UTF8), adapter, output)) {
            MAPPER.writeValue(g, value);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<JsonNode> documents() {
        return node(4);
    }

    private Arbitrary<JsonNode> node(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.of(TEXTS).map(NODES::stringNode),
                Arbitraries.strings().ofMaxLength(12).map(NODES::stringNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode()));
        if (depth == 0) return leaf;
        Arbitrary<JsonNode> child = Arbitraries.lazy(() -> node(depth - 1));
        Arbitrary<JsonNode> object = Combinators.combine(Arbitraries.of(NAMES).list().ofMaxSize(5), child.list().ofSize(5))
                .as((names, values) -> {
                    ObjectNode o = NODES.objectNode();
                    for (int i = 0; i < names.size(); i++) o.set(names.get(i), values.get(i));
                    return (JsonNode) o;
                });
        Arbitrary<JsonNode> array = child.list().ofMaxSize(4).map(items -> {
            ArrayNode a = NODES.arrayNode();
            items.forEach(a::add);
            return (JsonNode) a;
        });
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(4, object), Tuple.of(2, array));
    }

    @Provide
    Arbitrary<List<String>> ruleSets() {
        return Arbitraries.of(RULES).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 10_000)
    void generatorAndWireAgree(@ForAll("documents") JsonNode doc, @ForAll("ruleSets") List<String> rules) throws IOException {
        StringBuilder response = new StringBuilder("fields:\n");
        for (String r : rules) response.append("  - ").append(r).append('\n');
        MaskPlan plan = plan(response.toString());
        String viaWire = wire(plan, MAPPER.writeValueAsString(doc));
        String viaGenerator = generator(plan, doc);
        Assertions.assertEquals(MAPPER.readTree(viaWire), MAPPER.readTree(viaGenerator),
                () -> "document " + doc + "\nrules " + rules + "\nwire      " + viaWire + "\ngenerator " + viaGenerator);
    }

    record Card(String number, String expiry) {
    }

    record Customer(String id, String name, String email, String ssn, Card card, List<String> tags, java.math.BigDecimal balance) {
    }

    @Property(tries = 200)
    void recordsToo(@ForAll("ruleSets") List<String> rules) throws IOException {
        StringBuilder response = new StringBuilder("fields:\n");
        for (String r : rules) response.append("  - ").append(r).append('\n');
        MaskPlan plan = plan(response.toString());
        List<Customer> value = List.of(new Customer("c-1", "Ada", "ada@example.com", "123-45-6789",
                new Card("4111111111111111", "12/29"), List.of("vip"), new java.math.BigDecimal("1520.75")),
                new Customer("c-2", "Alan", "x", "987-65-4321", new Card("5500005555555559", "01/28"), List.of(), java.math.BigDecimal.ZERO));
        String viaWire = wire(plan, MAPPER.writeValueAsString(value));
        String viaGenerator = generator(plan, value);
        Assertions.assertEquals(MAPPER.readTree(viaWire), MAPPER.readTree(viaGenerator), viaWire + "\n" + viaGenerator);
    }
}
