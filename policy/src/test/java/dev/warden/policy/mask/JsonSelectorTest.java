package dev.warden.policy.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSelectorTest {

    private static JsonSelector parse(String text) {
        String[] problem = new String[1];
        JsonSelector selector = JsonSelector.parse(text, problem);
        assertNotNull(selector, () -> text + " was rejected: " + problem[0]);
        assertNull(problem[0], "no problem is reported for a valid selector");
        return selector;
    }

    /** A concrete path from segments: a String is a property name, an Integer an array index. */
    private static JsonPath path(Object... segments) {
        JsonPath path = new JsonPath();
        for (Object s : segments) {
            // the way the cursor builds it: push a placeholder, then set the name or index
            path.push(null);
            path.replaceTop(s);
        }
        return path;
    }

    private static boolean matches(String selector, Object... segments) {
        return parse(selector).matches(path(segments));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$", "$.a.b", "$['a'].b", "$..ssn", "$..card.number", "$[*].id", "$.*", "$[2]", "$..[*]",
            "$[\"a\"]", "$..['x']"})
    void acceptsTheSupportedSubset(String text) {
        assertEquals(text, parse(text).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a.b        | a selector starts with '$'",
            "$.         | at character 3: a name is missing after '.'",
            "$[         | at character 2: '[' is not closed",
            "$[?(@.x)]  | at character 2: '[?(@.x)]' is not supported",
            "$.a[-1]    | at character 4: '[-1]' is not supported",
            "$.[0]      | at character 3: '.[' is not valid",
            "$x         | at character 2: unexpected 'x'",
    })
    void rejectsWithAReason(String text, String reason) {
        String[] problem = new String[1];
        assertNull(JsonSelector.parse(text, problem));
        assertNotNull(problem[0]);
        assertTrue(problem[0].contains(reason), () -> "problem for " + text + ": " + problem[0]);
    }

    @Test
    void rootMatchesOnlyTheRoot() {
        assertTrue(matches("$"));
        assertFalse(matches("$", "a"));
        assertFalse(matches("$", 0));
    }

    @Test
    void childNames() {
        assertTrue(matches("$.a.b", "a", "b"));
        assertTrue(matches("$['a'].b", "a", "b"));
        assertFalse(matches("$.a.b", "a"));
        assertFalse(matches("$.a.b", "a", "b", "c"));
        assertFalse(matches("$.a.b", "x", "a", "b"));
        assertFalse(matches("$.a.b", "a", 0, "b"));
    }

    @Test
    void descendantNameAtAnyDepthButNotBeyond() {
        assertTrue(matches("$..card.number", "card", "number"));
        assertTrue(matches("$..card.number", 0, "card", "number"));
        assertTrue(matches("$..card.number", "orders", 3, "payment", "card", "number"));
        assertFalse(matches("$..card.number", "card", "number", "x"));
        assertFalse(matches("$..card.number", "cardx", "number"));
        assertFalse(matches("$..card.number", "card", "x", "number"));
        assertTrue(matches("$..ssn", "ssn"));
        assertTrue(matches("$..ssn", "a", 1, "b", "ssn"));
        assertFalse(matches("$..ssn", "ssn", "x"));
        assertFalse(matches("$..ssn"));
    }

    @Test
    void wildcards() {
        assertTrue(matches("$[*].id", 3, "id"));
        assertTrue(matches("$[*].id", 0, "id"));
        assertFalse(matches("$[*].id", "id"));
        assertFalse(matches("$[*].id", 3, "id", "x"));
        assertTrue(matches("$.*", "a"));
        assertTrue(matches("$.*", 7));
        assertFalse(matches("$.*"));
        assertFalse(matches("$.*", "a", "b"));
        assertTrue(matches("$..[*]", "a"));
        assertTrue(matches("$..[*]", "a", 1, "b"));
        assertFalse(matches("$..[*]"));
    }

    @Test
    void indexMatchesThatIndexOnly() {
        assertTrue(matches("$[2]", 2));
        assertFalse(matches("$[2]", 1));
        assertFalse(matches("$[2]", 3));
        assertFalse(matches("$[2]", "2"), "an index is not a property named \"2\"");
        assertFalse(matches("$[2]", 2, "x"));
    }
}
