package dev.warden.policy.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The byte-level engine: exact pass-through, removal with commas, and the same results as the Jackson-based one. */
class ByteWireMaskerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String bytes(MaskPlan plan, String json, int chunk) throws IOException {
        return bytes(plan, json, chunk, false);
    }

    /** As above; with {@code raw}, each char of {@code json} is one byte (for bytes that are not UTF-8). */
    static String bytes(MaskPlan plan, String json, int chunk, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteWireMasker m = new ByteWireMasker(plan, out);
        byte[] in = json.getBytes(raw ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        try {
            for (int i = 0; i < in.length; i += chunk) m.write(in, i, Math.min(chunk, in.length - i));
        } catch (JsonWireMasker.MalformedJsonException e) {
            // reported by failed()
        }
        m.close();
        return m.failed() ? "FAILED" : out.toString(StandardCharsets.UTF_8);
    }

    static String jackson(MaskPlan plan, String json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonWireMasker m = new JsonWireMasker(plan, out);
        try {
            m.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (JsonWireMasker.MalformedJsonException e) {
            // reported by failed()
        }
        m.close();
        return m.failed() ? "FAILED" : out.toString(StandardCharsets.UTF_8);
    }

    private static dev.warden.policy.model.FieldRule rule(dev.warden.policy.model.FieldAction a, String... selectors) {
        return MaskCursorTest.rule(a, selectors);
    }

    /**
     * The engine remembers each place's decisions and the member order of the first record, and reads the path only
     * when it meets a new place: records that repeat, then differ deep inside, must still be decided by their
     * whole path (the same plan serves several bodies, as it does across requests).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 4096})
    void rememberedPlacesAndOrderNeverChangeWhatIsSelected(int chunk) throws IOException {
        MaskPlan p = new MaskPlan(List.of(
                rule(dev.warden.policy.model.FieldAction.REDACT, "$[*].card.number"),
                rule(dev.warden.policy.model.FieldAction.REMOVE, "$..x.secret")));
        String same = "{\"id\":1,\"card\":{\"number\":\"4111\"},\"other\":{\"number\":\"5\"}}";
        String body = "[" + same + "," + same + ","
                // another order, new names at depth, the same names under other parents
                + "{\"other\":{\"number\":\"6\",\"x\":{\"secret\":1,\"keep\":2}},\"card\":{\"extra\":true,\"number\":\"4222\"},\"id\":3},"
                + "{\"id\":4,\"card\":{\"number\":\"4333\"},\"other\":{\"number\":\"7\"},\"x\":{\"secret\":9}}]";
        String expected = "[{\"id\":1,\"card\":{\"number\":\"[REDACTED]\"},\"other\":{\"number\":\"5\"}},"
                + "{\"id\":1,\"card\":{\"number\":\"[REDACTED]\"},\"other\":{\"number\":\"5\"}},"
                + "{\"other\":{\"number\":\"6\",\"x\":{\"keep\":2}},\"card\":{\"extra\":true,\"number\":\"[REDACTED]\"},\"id\":3},"
                + "{\"id\":4,\"card\":{\"number\":\"[REDACTED]\"},\"other\":{\"number\":\"7\"},\"x\":{}}]";
        for (int round = 0; round < 3; round++) assertEquals(expected, bytes(p, body, chunk), "round " + round);
    }

    /** A new name under a remembered member: its place is worked out from the whole path, not the last one written. */
    @ParameterizedTest
    @ValueSource(ints = {1, 5, 4096})
    void aNewNameDeepInsideIsDecidedByItsOwnPath(int chunk) throws IOException {
        MaskPlan p = new MaskPlan(List.of(rule(dev.warden.policy.model.FieldAction.REMOVE, "$..a.secret")));
        String body = "[{\"a\":{\"p\":1},\"b\":{\"q\":1}},{\"a\":{\"p\":1,\"secret\":2},\"b\":{\"q\":1,\"secret\":3}}]";
        assertEquals("[{\"a\":{\"p\":1},\"b\":{\"q\":1}},{\"a\":{\"p\":1},\"b\":{\"q\":1,\"secret\":3}}]",
                bytes(p, body, chunk));
    }

    @Test
    void untouchedBytesPassExactly() throws IOException {
        String doc = "{ \"a\" : 1.50E+3,\n \"b\": [ true , null, \"x\\u00e9\\n\" ],\"c\":{}, \"é\":\"ü\" }  ";
        MaskPlan p = new MaskPlan(List.of(rule(dev.warden.policy.model.FieldAction.REMOVE, "$..ssn")));
        for (int chunk : new int[] {1, 2, 3, 7, 1000}) assertEquals(doc, bytes(p, doc, chunk), "chunk " + chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 4096})
    void removalTakesItsCommaAndKeepsTheRest(int chunk) throws IOException {
        MaskPlan p = new MaskPlan(List.of(rule(dev.warden.policy.model.FieldAction.REMOVE, "$..ssn", "$.list[1]")));
        assertEquals("{\"b\":2}", bytes(p, "{\"ssn\":1,\"b\":2}", chunk));
        assertEquals("{\"a\":1, \"b\":2}", bytes(p, "{\"a\":1, \"ssn\":{\"x\":[1,2]}, \"b\":2}", chunk));
        assertEquals("{\"a\":1}", bytes(p, "{\"a\":1,\"ssn\":\"x\"}", chunk));
        assertEquals("{}", bytes(p, "{\"ssn\":\"x\"}", chunk));
        assertEquals("{\"list\":[0,2]}", bytes(p, "{\"list\":[0,1,2]}", chunk));
        assertEquals("[{},{\"k\":[]}]", bytes(p, "[{\"ssn\":true},{\"ssn\":null,\"k\":[]}]", chunk));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,}", "[1,]", "{\"a\" 1}", "{\"a\":01}", "[1.]", "[-]", "[tru]", "[\"\\x\"]",
            "{\"a\":1", "[\"abc", "[NaN]", "{'a':1}", "[1]]", "}", "[\"\u0001\"]", "[1 2]", "{\"a\":1 \"b\":2}", "[]{}", "{} 1"})
    void malformedFailsInBothEngines(String doc) throws IOException {
        MaskPlan p = new MaskPlan(List.of(rule(dev.warden.policy.model.FieldAction.REMOVE, "$..ssn")));
        for (int chunk : new int[] {1, 3, 1000}) assertEquals("FAILED", bytes(p, doc, chunk), doc + " chunk " + chunk);
        if (!doc.equals("[]{}") && !doc.equals("{} 1")) {
            // Jackson's parser accepts a sequence of top-level values; the byte engine does not
            assertEquals("FAILED", jackson(p, doc), "the Jackson engine agrees on " + doc);
        }
    }

    @Test
    void invalidUtf8Fails() throws IOException {
        MaskPlan p = new MaskPlan(List.of(rule(dev.warden.policy.model.FieldAction.REMOVE, "$..ssn")));
        for (byte[] bad : new byte[][] {{'"', (byte) 0xC1, (byte) 0xB3, '"'}, {'"', (byte) 0xE0, (byte) 0x80, (byte) 0x80, '"'},
                {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, {'"', (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'},
                {'"', (byte) 0xC3, '"'}, {'"', (byte) 0x80, '"'}}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteWireMasker m = new ByteWireMasker(p, out);
            try {
                m.write(bad);
            } catch (JsonWireMasker.MalformedJsonException expected) {
                // fine
            }
            m.close();
            assertTrue(m.failed());
            assertEquals(0, out.size());
        }
    }

    @Test
    void deepNestingFails() throws IOException {
        MaskPlan p = new MaskPlan(List.of(rule(dev.warden.policy.model.FieldAction.REMOVE, "$..ssn")));
        assertEquals("FAILED", bytes(p, "[".repeat(1001) + "]".repeat(1001), 4096));
        assertFalse(bytes(p, "[".repeat(1000) + "]".repeat(1000), 4096).equals("FAILED"));
    }
}
