package dev.warden.policy.mask;

import static dev.warden.policy.mask.MaskCursor.EMIT;
import static dev.warden.policy.mask.MaskCursor.REPLACE;
import static dev.warden.policy.mask.MaskCursor.SKIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.policy.model.FieldAction;
import dev.warden.policy.model.FieldRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** Drives the cursor event by event, as both engines do, and checks each answer. */
class MaskCursorTest {

    static FieldRule rule(FieldAction action, int keepFirst, int keepLast, String with, String... selectors) {
        List<JsonSelector> parsed = new ArrayList<>();
        for (String s : selectors) {
            String[] problem = new String[1];
            JsonSelector selector = JsonSelector.parse(s, problem);
            if (selector == null) throw new IllegalArgumentException(problem[0]);
            parsed.add(selector);
        }
        return new FieldRule(parsed, action, keepFirst, keepLast, with);
    }

    static FieldRule rule(FieldAction action, String... selectors) {
        return rule(action, 0, 0, FieldRule.DEFAULT_REDACTION, selectors);
    }

    private static MaskCursor cursor(FieldRule... rules) {
        return new MaskPlan(List.of(rules)).newCursor();
    }

    @Test
    void removedPropertySkipsNameAndWholeValueThenResumes() {
        // {"a":{"x":[1,2]},"b":3} with $.a removed
        MaskCursor c = cursor(rule(FieldAction.REMOVE, "$.a"));
        assertEquals(EMIT, c.startObject());
        assertEquals(SKIP, c.field("a"));
        assertEquals(SKIP, c.startObject());
        assertEquals(SKIP, c.field("x"));
        assertEquals(SKIP, c.startArray());
        assertEquals(SKIP, c.number("1"));
        assertEquals(SKIP, c.number("2"));
        assertEquals(SKIP, c.endContainer());
        assertFalse(c.atTopLevel());
        assertEquals(SKIP, c.endContainer());
        assertEquals(EMIT, c.field("b"));
        assertEquals(EMIT, c.number("3"));
        assertEquals(EMIT, c.endContainer());
        assertTrue(c.atTopLevel());
    }

    @Test
    void arrayElementsAreSelectedByTheirOriginalIndex() {
        // {"items":["a","b","c","d"]} with $.items[1] and $.items[2] removed: indexes do not shift after a removal
        MaskCursor c = cursor(rule(FieldAction.REMOVE, "$.items[1]", "$.items[2]"));
        assertEquals(EMIT, c.startObject());
        assertEquals(EMIT, c.field("items"));
        assertEquals(EMIT, c.startArray());
        assertEquals(EMIT, c.string("a"));
        assertEquals(SKIP, c.string("b"));
        assertEquals(SKIP, c.string("c"));
        assertEquals(EMIT, c.string("d"));
        assertEquals(EMIT, c.endContainer());
        assertEquals(EMIT, c.endContainer());
        assertEquals(2, c.valuesProtected());
    }

    @Test
    void redactedContainerIsReplacedOnceAndItsContentSkipped() {
        MaskCursor c = cursor(rule(FieldAction.REDACT, 0, 0, "<gone>", "$.card"));
        assertEquals(EMIT, c.startObject());
        assertEquals(EMIT, c.field("card"));
        assertEquals(REPLACE, c.startObject());
        assertEquals("<gone>", c.replacement());
        assertEquals(SKIP, c.field("number"));
        assertEquals(SKIP, c.string("4111111111111111"));
        assertEquals(SKIP, c.endContainer());
        assertEquals(EMIT, c.field("id"));
        assertEquals(EMIT, c.number("7"));
        assertEquals(EMIT, c.endContainer());
        assertTrue(c.atTopLevel());
    }

    @Test
    void maskedContainerReplacesStringAndNumberLeavesOnly() {
        MaskCursor c = cursor(rule(FieldAction.MASK, 0, 2, null, "$.card"));
        assertEquals(EMIT, c.startObject());
        assertEquals(EMIT, c.field("card"));
        assertEquals(EMIT, c.startObject());
        assertEquals(EMIT, c.field("number"));
        assertEquals(REPLACE, c.string("4111-2222"));
        assertEquals("****-**22", c.replacement());
        assertEquals(EMIT, c.field("cvv"));
        assertEquals(REPLACE, c.number("123"));
        assertEquals("*23", c.replacement());
        assertEquals(EMIT, c.field("valid"));
        assertEquals(EMIT, c.literal("true"));
        assertEquals(EMIT, c.field("note"));
        assertEquals(EMIT, c.literal("null"));
        assertEquals(EMIT, c.endContainer());
        assertEquals(EMIT, c.field("after"));
        assertEquals(EMIT, c.string("clear"), "masking ends with the masked container");
        assertEquals(EMIT, c.endContainer());
    }

    @Test
    void firstMatchingRuleWins() {
        MaskCursor c = cursor(rule(FieldAction.REMOVE, "$..ssn"), rule(FieldAction.MASK, "$..ssn", "$.name"));
        assertEquals(EMIT, c.startObject());
        assertEquals(SKIP, c.field("ssn"));
        assertEquals(SKIP, c.string("123-45-6789"));
        assertEquals(EMIT, c.field("name"));
        assertEquals(REPLACE, c.string("Ann"));
        assertEquals("***", c.replacement());
        assertEquals(EMIT, c.endContainer());
    }

    @Test
    void valuesProtectedCountsRemovedAndRedactedContainers() {
        MaskCursor c = cursor(rule(FieldAction.REMOVE, "$.card"), rule(FieldAction.REDACT, "$.tags"));
        assertEquals(EMIT, c.startObject());
        assertEquals(SKIP, c.field("card"));
        assertEquals(SKIP, c.startObject());
        assertEquals(SKIP, c.field("number"));
        assertEquals(SKIP, c.string("4111"));
        assertEquals(SKIP, c.endContainer());
        assertEquals(EMIT, c.field("tags"));
        assertEquals(REPLACE, c.startArray());
        assertEquals(SKIP, c.string("vip"));
        assertEquals(SKIP, c.endContainer());
        assertEquals(EMIT, c.endContainer());
        assertEquals(2, c.valuesProtected());
    }

    @Test
    void valuesProtectedDoesNotCountALiteralLeftInClear() {
        MaskCursor c = cursor(rule(FieldAction.MASK, "$.flag"));
        assertEquals(EMIT, c.startObject());
        assertEquals(EMIT, c.field("flag"));
        assertEquals(EMIT, c.literal("true"));
        assertEquals(EMIT, c.endContainer());
        assertEquals(0, c.valuesProtected());
    }
}
