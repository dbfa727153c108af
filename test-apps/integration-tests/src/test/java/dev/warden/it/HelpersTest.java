package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The suite's own helpers (no agent, no app): a wrong expectation here would make the real tests meaningless. */
class HelpersTest {

    @Test
    void maskKeepsOtherCharactersAndTheLastLettersOrDigits() {
        assertEquals("***-**-6789", Fixture.mask("123-45-6789", 0, 4));
        assertEquals("************1111", Fixture.mask("4111111111111111", 0, 4));
        assertEquals("***********0005", Fixture.mask("378282246310005", 0, 4));
        assertEquals("41** **** **** 1111", Fixture.mask("4111 1111 1111 1111", 2, 4));
        assertEquals("ab", Fixture.mask("ab", 0, 4));
        assertTrue(Fixture.isMaskedKeepLast("************1111", 4));
        assertTrue(Fixture.isMaskedKeepLast("****-****-****-1111", 4));
        assertFalse(Fixture.isMaskedKeepLast("4111111111111111", 4));
        assertFalse(Fixture.isMaskedKeepLast("*************111", 4));
        assertFalse(Fixture.isMaskedKeepLast("[REDACTED]", 4));
    }

    @Test
    void protectAppliesTheThreeRulesAndNothingElse() {
        JsonNode all = Fixture.protect(Fixture.customers());
        assertEquals(3, all.size());
        Fixture.assertNoProperty(all, "ssn", () -> "");
        assertEquals("************1111", all.get(0).path("card").path("number").asText());
        assertEquals("************5559", all.get(1).path("card").path("number").asText());
        assertEquals("***********0005", all.get(2).path("card").path("number").asText());
        for (JsonNode c : all) {
            assertEquals(Fixture.REDACTED, c.path("email").asText());
        }
        assertEquals("Paid with 4111 1111 1111 1111, contact ada@example.com", all.get(0).path("notes").asText());
        assertEquals("ADA LOVELACE", all.get(0).path("card").path("holder").asText());
        assertTrue(Fixture.customers().get(0).has("ssn"), "protect must not modify the fixture");
        assertThrows(AssertionFailedError.class, () -> Fixture.assertNoProperty(Fixture.customers(), "ssn", () -> ""));
    }

    @Test
    void jsonComparisonIsExactButNumberTolerant() throws Exception {
        Fixture.assertSameJson(Fixture.JSON.readTree("{\"a\":0,\"b\":[1.50]}"), Fixture.JSON.readTree("{\"b\":[1.5],\"a\":0.0}"), () -> "");
        assertThrows(AssertionFailedError.class, () -> Fixture.assertSameJson(
                Fixture.JSON.readTree("{\"a\":\"x\"}"), Fixture.JSON.readTree("{\"a\":\"x\",\"b\":null}"), () -> ""));
    }

    @Test
    void protectedExportRecordCheckCatchesLeaks() throws Exception {
        JsonNode ok = Fixture.protect(Fixture.customer("c-1001"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) ok).put("id", "g-7");
        Fixture.assertProtectedExportRecord(ok, 7);
        assertThrows(AssertionFailedError.class, () -> Fixture.assertProtectedExportRecord(ok, 8));
        JsonNode leak = Fixture.customer("c-1001").put("id", "g-1");
        assertThrows(AssertionFailedError.class, () -> Fixture.assertProtectedExportRecord(leak, 1));
    }

    @Test
    void policiesCarryDigestsOfFreshKeysOnly() {
        PolicyFiles.Policy p = PolicyFiles.render("main.yaml", "helpers-main.yaml", Map.of("mode", "enforce"));
        assertEquals(List.of("admin", "reader", "rl-a", "rl-b", "rl-warm"), p.keys().keySet().stream().sorted().toList());
        assertEquals(5, p.keys().values().stream().distinct().count(), "keys must differ");
        for (String key : p.keys().values()) {
            assertFalse(p.text().contains(key), "plaintext key in policy");
            assertTrue(p.text().contains("sha256: \"" + PolicyFiles.sha256Hex(key) + "\""));
        }
        assertTrue(p.text().contains("mode: enforce"));
        assertEquals(64, PolicyFiles.sha256Hex("x").length());
        assertEquals("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881", PolicyFiles.sha256Hex("x"));
        assertTrue(p.path().isAbsolute());
    }

    @Test
    void badTemplatesHaveTheirDefectOnOneKnownLine() {
        assertEquals(19, PolicyFiles.render("bad-unknown-key.yaml", "helpers-bad-unknown-key.yaml").lineOf("authenticat:"));
        assertEquals(19, PolicyFiles.render("bad-duration.yaml", "helpers-bad-duration.yaml").lineOf("per: 5x"));
        assertEquals(20, PolicyFiles.render("bad-cel.yaml", "helpers-bad-cel.yaml").lineOf("exists("));
    }

    @Test
    void diagnosticsParsing() {
        String out = "/p/a.yaml:3:7: unknown key 'x'\n[warden] something\n/p/a.yaml:x:1: no\n/p/b.yaml:1:1: other file\n";
        List<Diagnostics.PolicyError> errors = Diagnostics.policyErrors(out, "/p/a.yaml");
        assertEquals(1, errors.size());
        assertEquals(3, errors.get(0).lineNo());
        assertEquals(7, errors.get(0).column());
        assertEquals("unknown key 'x'", errors.get(0).message());
    }

    @Test
    void rateLimitFieldParsing() {
        Map<String, Map<String, String>> items = Http.parseRateLimitField("\"limited\";r=0;t=3, \"customers\";r=99;t=60");
        assertEquals(Map.of("r", "0", "t", "3"), items.get("limited"));
        assertEquals("99", items.get("customers").get("r"));
        assertEquals(Map.of("q", "3", "w", "3"), Http.parseRateLimitField("\"limited\";q=3;w=3").get("limited"));
    }
}
