package dev.warden.policy.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.policy.LoadResult;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.engine.Decider;
import dev.warden.policy.engine.Decision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys, detectors, the keyed actions and allowFields, from a policy through the decision to the wire engine. */
class DataProtectionTest {

    static final String KEY_A = "k".repeat(16) + "-first-key-material-0123456789";
    static final String KEY_B = "q".repeat(16) + "-other-key-material-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Decider decider(String routeResponse, String... keys) {
        String yaml = """
                version: 1
                tokenization:
                  keys:
                %s
                routes:
                  - id: r
                    match: { path: /r }
                    authenticate: none
                    response:
                %s
                """.formatted(keys.length == 0 ? "    - { id: a, secret: \"${env:KEY_A}\" }" : String.join("\n", keys),
                routeResponse.indent(6).stripTrailing());
        LoadResult r = PolicyLoader.parse("t.yaml", yaml, Map.of("KEY_A", KEY_A, "KEY_B", KEY_B)::get);
        assertTrue(r.ok(), () -> r.errors().toString() + "\n" + yaml);
        return new Decider(r.policy());
    }

    static String mask(Decider d, String json) throws IOException {
        Decision decision = d.decide(new dev.warden.policy.engine.FixedRequest("GET", "/r"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonWireMasker m = new JsonWireMasker(decision.maskPlan(), out)) {
            m.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode maskJson(Decider d, String json) throws IOException {
        return JSON.readTree(mask(d, json));
    }

    @Test
    void keysAreCaseInsensitiveGlobsAtAnyDepth() throws IOException {
        Decider d = decider("""
                fields:
                  - { keys: ["*password*", "card*", "ssn"], action: redact }
                """);
        assertEquals("{\"Password\":\"[REDACTED]\",\"u\":{\"userPASSWORDHash\":\"[REDACTED]\",\"cardNumber\":\"[REDACTED]\","
                        + "\"discard\":\"x\"},\"list\":[{\"SSN\":\"[REDACTED]\"}]}",
                mask(d, "{\"Password\":\"p\",\"u\":{\"userPASSWORDHash\":\"h\",\"cardNumber\":\"4\",\"discard\":\"x\"},"
                        + "\"list\":[{\"SSN\":\"1\"}]}"));
    }

    @Test
    void detectorsReplaceOnlyWhatTheyFind() throws IOException {
        Decider d = decider("""
                fields:
                  - { detect: [pan], action: mask, keepLast: 4 }
                  - { detect: [email], action: keepDomain }
                  - { select: ["$..ssn"], action: remove }
                """);
        JsonNode out = maskJson(d, "{\"notes\":\"Paid with 4111 1111 1111 1111, contact ada@example.com\","
                + "\"ssn\":\"123-45-6789\",\"other\":\"ORD-2026-000123\",\"n\":4111111111111111,"
                + "\"contact\":{\"ssn\":\"write to grace@example.net\"}}");
        assertEquals("Paid with **** **** **** 1111, contact a**@example.com", out.path("notes").asText(),
                "each detecting rule replaces what it finds");
        assertTrue(!out.has("ssn"), out.toString());
        assertEquals("ORD-2026-000123", out.path("other").asText());
        assertEquals(4111111111111111L, out.path("n").asLong(), "detectors read strings only");
        assertEquals("write to g****@example.net", out.path("contact").path("ssn").asText(),
                "a detecting rule before the remove claims the string, so the property stays");
    }

    @Test
    void keyedActionsAreStableKeyedAndReversible() throws IOException {
        Decider a = decider("""
                fields:
                  - { select: ["$.h"], action: hash }
                  - { select: ["$.t"], action: tokenize }
                  - { select: ["$.card"], action: fpe, luhn: true }
                  - { select: ["$.acct"], action: fpe }
                  - { select: ["$.short"], action: fpe }
                """);
        String in = "{\"h\":\"ada@example.com\",\"t\":\"ada@example.com\",\"card\":\"4111 1111 1111 1111\","
                + "\"acct\":\"12-3456-7890\",\"short\":\"12-34\"}";
        JsonNode first = maskJson(a, in);
        assertEquals(first, maskJson(a, in), "deterministic");
        assertTrue(first.path("h").asText().matches("h_[0-9a-f]{64}"), first.toString());
        assertTrue(first.path("t").asText().startsWith("tok_"), first.toString());
        String card = first.path("card").asText();
        assertTrue(card.matches("\\d{4} \\d{4} \\d{4} \\d{4}") && !card.equals("4111 1111 1111 1111"), card);
        assertTrue(Tokenizer.Luhn.valid(card), card + " stays Luhn-valid");
        assertTrue(first.path("acct").asText().matches("\\d\\d-\\d{4}-\\d{4}"), first.toString());
        assertEquals("**-**", first.path("short").asText(), "too few digits for FF1: masked, never clear");

        Tokenizer tokens = new Tokenizer(List.of(new dev.warden.policy.model.TokenKey("a", KEY_A.getBytes(StandardCharsets.UTF_8))));
        assertEquals("ada@example.com", tokens.detokenize(first.path("t").asText(), null, false));
        assertEquals("4111 1111 1111 1111", tokens.detokenize(card, null, true));
        assertEquals("12-3456-7890", tokens.detokenize(first.path("acct").asText(), null, false));

        Decider b = decider("""
                fields:
                  - { select: ["$.h"], action: hash }
                  - { select: ["$.t"], action: tokenize }
                """, "    - { id: b, secret: \"${env:KEY_B}\" }", "    - { id: a, secret: \"${env:KEY_A}\" }");
        JsonNode other = maskJson(b, in);
        assertNotEquals(first.path("h"), other.path("h"), "another key, another hash");
        assertNotEquals(first.path("t"), other.path("t"));
        Tokenizer rotated = new Tokenizer(List.of(new dev.warden.policy.model.TokenKey("b", KEY_B.getBytes(StandardCharsets.UTF_8)),
                new dev.warden.policy.model.TokenKey("a", KEY_A.getBytes(StandardCharsets.UTF_8))));
        assertEquals("ada@example.com", rotated.detokenize(first.path("t").asText(), null, false),
                "after rotation the old key still reverses its tokens");
        assertEquals(null, new Tokenizer(List.of(new dev.warden.policy.model.TokenKey("b", KEY_B.getBytes(StandardCharsets.UTF_8))))
                .detokenize(first.path("t").asText(), null, false), "without the key nothing comes back");
    }

    @Test
    void allowFieldsRemovesEverythingElse() throws IOException {
        Decider d = decider("""
                allowFields: ["$.id", "$.name", "$..city"]
                fields:
                  - { select: ["$..city"], action: mask, keepFirst: 1 }
                """);
        assertEquals("{\"id\":\"c-1\",\"name\":\"Ada\",\"address\":{\"city\":\"L*****\"},\"card\":{},\"tags\":[]}",
                mask(d, "{\"id\":\"c-1\",\"name\":\"Ada\",\"ssn\":\"1\",\"address\":{\"street\":\"12 St\",\"city\":\"London\"},"
                        + "\"card\":{\"number\":\"4111\"},\"tags\":[\"vip\"],\"balance\":1.5}"));
        Decider arrays = decider("""
                allowFields: ["$[*].id"]
                """);
        assertEquals("[{\"id\":1},{\"id\":2}]", mask(arrays, "[{\"id\":1,\"x\":{\"y\":2}},{\"x\":3,\"id\":2}]"));
    }
}
