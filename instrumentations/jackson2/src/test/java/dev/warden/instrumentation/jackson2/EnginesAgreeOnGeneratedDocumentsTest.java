package dev.warden.instrumentation.jackson2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.policy.mask.MaskPlan;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assertions;

/**
 * The differential test: for generated documents (names the rules care about, free text with card numbers, e-mails
 * and IBANs, unicode and escapes, every JSON type, nesting) under generated rule sets, the Jackson-based wire
 * engine, the hand-written byte engine (fed in random chunk sizes) and the Jackson 2 serializer hook produce the
 * same JSON. 10,000 documents per run.
 */
class EnginesAgreeOnGeneratedDocumentsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> NAMES = List.of("ssn", "SSN", "email", "card", "number", "notes", "id", "name",
            "password", "userPassword", "city", "tags", "x", "é-ü", "a\"b", "new\nline");
    private static final List<String> TEXTS = List.of("", "plain", "4111 1111 1111 1111", "pay 5500-0055-5555-5559 now",
            "ada@example.com", "mail grace@example.net or ada@example.com", "GB82 WEST 1234 5698 7654 32",
            "123-45-6789", "+44 20 7946 0958", "ORD-2026-000123", "tab\tand\\slash", "ünïcödé ✓ 𝄞", "\u0000\u001f",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJlLWJ5dGVz");
    /** Rule sets in the policy's own syntax: each line of a set is one field rule. */
    private static final List<String> RULES = List.of(
            "{ select: [\"$..ssn\"], action: remove }",
            "{ keys: [\"*password*\", \"ssn\"], action: redact }",
            "{ select: [\"$..card.number\", \"$..number\"], action: mask, keepLast: 4 }",
            "{ detect: [pan, email, iban], action: mask, keepFirst: 1 }",
            "{ detect: [email], action: keepDomain }",
            "{ select: [\"$..id\"], action: hash }",
            "{ keys: [\"name\"], action: tokenize }",
            "{ select: [\"$..number\"], action: fpe, luhn: true }",
            "{ select: [\"$..tags\"], action: mask }",
            "{ select: [\"$..card\"], action: redact, with: \"[card]\" }",
            "{ select: [\"$[*]\", \"$.x[1]\"], action: remove }",
            "{ select: [\"$..notes\"], action: keep }",
            "{ detect: [pan, ssn, phone, jwt, secret], action: remove }");

    @Provide
    Arbitrary<JsonNode> documents() {
        return node(4);
    }

    private Arbitrary<JsonNode> node(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.of(TEXTS).map(NODES::textNode),
                Arbitraries.strings().ofMaxLength(12).map(NODES::textNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().between(-1e6, 1e6).ofScale(3).map(d -> NODES.numberNode(d.doubleValue())),
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
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(4, object), net.jqwik.api.Tuple.of(2, array));
    }

    @Provide
    Arbitrary<List<String>> ruleSets() {
        return Arbitraries.of(RULES).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> allowFields() {
        return Arbitraries.of("", "allowFields: [\"$..id\", \"$..notes\"]", "allowFields: [\"$[*]\", \"$.card\"]");
    }

    @Property(tries = 10_000)
    void wireEngineAndSerializerHookAgree(@ForAll("documents") JsonNode doc, @ForAll("ruleSets") List<String> rules,
                                          @ForAll("allowFields") String allow,
                                          @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 64) int chunk) throws Exception {
        StringBuilder response = new StringBuilder();
        if (!allow.isEmpty()) response.append(allow).append('\n');
        response.append("fields:\n");
        for (String r : rules) response.append("  - ").append(r).append('\n');
        MaskPlan plan = GeneratorAgreesWithWireEngineTest.plan(response.toString());
        String viaWire = GeneratorAgreesWithWireEngineTest.wire(plan, MAPPER.writeValueAsString(doc));
        String viaGenerator = GeneratorAgreesWithWireEngineTest.generator(plan, g -> MAPPER.writeTree(g, doc));
        Assertions.assertEquals(MAPPER.readTree(viaWire), MAPPER.readTree(viaGenerator),
                () -> "document " + doc + "\nrules " + rules + " " + allow + "\nwire      " + viaWire + "\ngenerator " + viaGenerator);
        String viaBytes = GeneratorAgreesWithWireEngineTest.bytes(plan, MAPPER.writeValueAsString(doc), chunk);
        Assertions.assertEquals(MAPPER.readTree(viaWire), MAPPER.readTree(viaBytes),
                () -> "document " + doc + "\nrules " + rules + " " + allow + " chunk " + chunk + "\nwire  " + viaWire + "\nbytes " + viaBytes);
    }
}
