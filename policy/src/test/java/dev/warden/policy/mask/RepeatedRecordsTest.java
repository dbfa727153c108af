package dev.warden.policy.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.policy.model.FieldAction;
import dev.warden.policy.model.FieldRule;
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
import net.jqwik.api.constraints.IntRange;

/**
 * The byte engine's shortcuts for repeated records — remembered places, the learned member order, members passed
 * without a decision each — against the Jackson-based wire engine, which has none of them: arrays of records that
 * mostly repeat a shape but sometimes drop, add or reorder members, put whitespace anywhere, use escapes and
 * non-ASCII text, nest, and come in chunks of any size, under rules that touch some members. Then the same
 * documents with one byte broken: whatever strict JSON parsing rejects, the byte engine rejects too.
 */
class RepeatedRecordsTest {

    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final List<String> NAMES = List.of("id", "name", "email", "ssn", "card", "number", "tags", "note",
            "createdAt", "a\\u0062", "é");
    /** Plain strings (what the engine passes fastest) and ones with escapes or non-ASCII text (what stops it). */
    private static final List<String> PLAIN = List.of("\"x\"", "\"\"", "\"Customer 000001\"", "\"4111 1111 1111 1111\"",
            "\"ada@example.com\"", "\"123-45-6789\"");
    private static final List<String> ESCAPED = List.of("\"a\\\"b\"", "\"tab\\tnew\\nline\"", "\"ünï ✓\"",
            "\"\\u00e9\"");
    private static final List<String> SCALARS = List.of("0", "-1", "12.5", "1e3", "-0.25E-2", "true", "false", "null",
            "1234567890123");

    @Provide
    Arbitrary<String> documents() {
        // mostly what repeated records look like (compact, plain values, every member), sometimes not
        Arbitrary<String> value = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.of(PLAIN)),
                net.jqwik.api.Tuple.of(6, Arbitraries.of(SCALARS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(ESCAPED)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("{\"number\":\"4111\",\"x\":1}", "[1,\"a\",{}]", "{}", "[]")));
        Arbitrary<String> space = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(60, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(" ", "\n  ", "\t")));
        // a record: the shape's members in order, each sometimes left out, plus sometimes an extra member
        Arbitrary<String> record = Combinators.combine(
                        Arbitraries.integers().between(0, 1 << 10).list().ofSize(6),
                        value.list().ofSize(6), space.list().ofSize(26), Arbitraries.of(NAMES))
                .as((keep, values, spaces, extra) -> {
                    StringBuilder r = new StringBuilder("{").append(spaces.get(0));
                    int written = 0;
                    for (int i = 0; i < 6; i++) {
                        String name = i == 5 && keep.get(i) % 11 == 0 ? extra : NAMES.get(i);
                        if (keep.get(i) % 23 == 0) continue;
                        if (written++ > 0) r.append(spaces.get(4 * i + 1)).append(',').append(spaces.get(4 * i + 2));
                        r.append('"').append(name).append('"').append(spaces.get(4 * i + 3)).append(':')
                                .append(spaces.get(4 * i + 4)).append(values.get(i));
                    }
                    return r.append('}').toString();
                });
        // the first record has every member, so the order the engine learns is the shape's (a plan is shared by
        // every response of a route: an odd first record would only make the engine slower, not wrong)
        String first = "{\"id\":\"c-1\",\"name\":\"Ada\",\"email\":\"ada@example.com\",\"ssn\":\"123-45-6789\","
                + "\"card\":\"4111 1111 1111 1111\",\"number\":42}";
        return record.list().ofMinSize(0).ofMaxSize(8).map(rs -> "[" + first + (rs.isEmpty() ? "" : ",") + String.join(",", rs) + "]");
    }

    @Provide
    Arbitrary<MaskPlan> plans() {
        List<MaskPlan> plans = List.of(
                new MaskPlan(List.of(MaskCursorTest.rule(FieldAction.REMOVE, "$..ssn"),
                        MaskCursorTest.rule(FieldAction.MASK, 0, 4, FieldRule.DEFAULT_REDACTION, "$..number"),
                        MaskCursorTest.rule(FieldAction.REDACT, "$..email"))),
                new MaskPlan(List.of(MaskCursorTest.rule(FieldAction.REDACT, "$[*].name", "$..tags"))),
                new MaskPlan(List.of(MaskCursorTest.rule(FieldAction.REMOVE, "$[1].id"))),
                new MaskPlan(List.of(MaskCursorTest.rule(FieldAction.MASK, "$..card[*]", "$..email[*]"),
                        MaskCursorTest.rule(FieldAction.REMOVE, "$..ssn[*]"))),
                new MaskPlan(List.of(MaskCursorTest.rule(FieldAction.REMOVE, "$..nothing"))),
                new MaskPlan(List.of(new FieldRule(List.of(), List.of(), List.of(Detector.PAN, Detector.EMAIL),
                        FieldAction.REDACT, 0, 0, FieldRule.DEFAULT_REDACTION, false, null, null, null))),
                new MaskPlan(List.of(MaskCursorTest.rule(FieldAction.REMOVE, "$..ssn")),
                        List.of(selector("$[*].id"), selector("$[*].card"), selector("$..ssn")), null));
        return Arbitraries.of(plans);
    }

    @Provide
    Arbitrary<Integer> chunks() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 16)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(1 << 16)));
    }

    /**
     * A serializer hook and the wire engine share a route's plan: names a hook reports as text must not leave the
     * wire engine an empty learned order (which would switch its shortcuts off), nor may the shortcuts pass a
     * member a rule selects.
     */
    @org.junit.jupiter.api.Test
    void identicalRecordsAfterASerializerUsedThePlan() throws IOException {
        MaskPlan plan = new MaskPlan(List.of(MaskCursorTest.rule(FieldAction.REMOVE, "$..ssn"),
                MaskCursorTest.rule(FieldAction.REDACT, "$..email")));
        String r = "{\"id\":\"c-1\",\"name\":\"Ada\",\"email\":\"ada@example.com\",\"ssn\":\"123-45-6789\",\"n\":42}";
        String doc = "[" + r + "," + r + "," + r + "]";
        String expected = "[" + String.join(",", java.util.Collections.nCopies(3,
                "{\"id\":\"c-1\",\"name\":\"Ada\",\"email\":\"[REDACTED]\",\"n\":42}")) + "]";
        assertEquals(expected, jackson(plan, doc)); // the cursor driven by names as text, as a hook drives it
        for (int pass = 0; pass < 3; pass++) assertEquals(expected, ByteWireMaskerTest.bytes(plan, doc, 65536));
        // elements of arrays: passed unreported only where no rule selects them
        MaskPlan elements = new MaskPlan(List.of(MaskCursorTest.rule(FieldAction.REDACT, "$..tags[*]")));
        String tagged = "{\"tags\":[\"a\",1,true],\"other\":[\"b\",2,null]}";
        String masked = "{\"tags\":[\"[REDACTED]\",\"[REDACTED]\",\"[REDACTED]\"],\"other\":[\"b\",2,null]}";
        String many = "[" + tagged + "," + tagged + "," + tagged + "]";
        for (int pass = 0; pass < 3; pass++) {
            assertEquals("[" + masked + "," + masked + "," + masked + "]", ByteWireMaskerTest.bytes(elements, many, 65536));
        }
    }

    @Property(tries = 3000)
    void theByteEngineAgreesWithTheJacksonEngine(@ForAll("documents") String doc, @ForAll("plans") MaskPlan plan,
                                                 @ForAll("chunks") int chunk) throws IOException {
        // the plan is reused, as it is across responses: the second pass runs on what the first one learned
        for (int pass = 0; pass < 2; pass++) {
            String expected = jackson(plan, doc);
            String actual = ByteWireMaskerTest.bytes(plan, doc, chunk);
            assertEquals(STRICT.readTree(expected), STRICT.readTree(actual),
                    () -> "document " + doc + "\nchunk " + chunk + "\nexpected " + expected + "\nactual   " + actual);
        }
    }

    @Property(tries = 3000)
    void whateverStrictParsingRejectsTheByteEngineRejects(@ForAll("documents") String doc, @ForAll("plans") MaskPlan plan,
                                                          @ForAll @IntRange(min = 0, max = 10_000) int at,
                                                          @ForAll("corruptions") String corruption,
                                                          @ForAll("chunks") int chunk) throws IOException {
        ByteWireMaskerTest.bytes(plan, doc, chunk); // let the plan learn the shape first
        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
        int i = at % bytes.length;
        String broken = new String(bytes, 0, i, StandardCharsets.ISO_8859_1) + corruption
                + new String(bytes, i + 1, bytes.length - i - 1, StandardCharsets.ISO_8859_1);
        byte[] input = broken.getBytes(StandardCharsets.ISO_8859_1);
        boolean valid;
        try {
            // Jackson lets some invalid UTF-8 through in names (0xFF, say); RFC 8259 does not
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(input));
            STRICT.readTree(input);
            valid = true;
        } catch (IOException e) {
            valid = false;
        }
        String out = ByteWireMaskerTest.bytes(plan, new String(input, StandardCharsets.ISO_8859_1), chunk, true);
        if (!valid) assertEquals("FAILED", out, () -> "accepted invalid JSON: " + broken + "\n-> " + out);
        else assertTrue(!out.equals("FAILED"), () -> "rejected valid JSON: " + broken);
    }

    @Provide
    Arbitrary<String> corruptions() {
        return Arbitraries.of("x", "\"", ",", ":", "}", "]", "0", " ", "\u0001", "\\", "\u00ff", "");
    }

    private static String jackson(MaskPlan plan, String doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonWireMasker m = new JsonWireMasker(plan, out)) {
            m.write(doc.getBytes(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonSelector selector(String s) {
        String[] problem = new String[1];
        JsonSelector parsed = JsonSelector.parse(s, problem);
        if (parsed == null) throw new IllegalArgumentException(problem[0]);
        return parsed;
    }

}
