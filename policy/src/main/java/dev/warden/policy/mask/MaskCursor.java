package dev.warden.policy.mask;

import dev.warden.policy.model.FieldAction;
import dev.warden.policy.model.FieldRule;
import java.util.Arrays;

/**
 * Decides, event by event, what a JSON writer may emit for one document. Both engines drive it — the wire engine
 * from parser tokens, the serializer hooks from generator calls — so a selector picks the same values in both.
 *
 * <p>Each event method answers {@link #EMIT} (write the event as it is), {@link #SKIP} (write nothing) or
 * {@link #REPLACE} (write the string {@link #replacement()} instead of the value). Inside a removed or redacted
 * container everything is skipped; inside a masked container every string and number leaf is replaced; inside a
 * kept container every leaf passes in clear (while the data budget, if any, lasts).
 */
public final class MaskCursor {

    public static final int EMIT = 0;
    public static final int SKIP = 1;
    public static final int REPLACE = 2;

    private final MaskPlan plan;
    private final ClearValueBudget budget;
    private final JsonPath path = new JsonPath();
    /** Per open container: next array index, or -1 for an object. */
    private int[] nextIndex = new int[16];
    private int open;

    private int skipDepth;
    private FieldRule maskAll;
    private int maskDepth;
    private FieldRule pending;
    private String replacement;
    private int valuesProtected;
    private int valuesKept;

    MaskCursor(MaskPlan plan, ClearValueBudget budget) {
        this.plan = plan;
        this.budget = budget;
    }

    /** A property name inside an object; SKIP means the name and its whole value are dropped. */
    public int field(String name) {
        if (skipDepth > 0) return SKIP;
        path.replaceTop(name);
        pending = maskDepth > 0 ? null : plan.ruleFor(path);
        return pending != null && pending.action() == FieldAction.REMOVE ? SKIP : EMIT;
    }

    public int startObject() {
        return startContainer(false);
    }

    public int startArray() {
        return startContainer(true);
    }

    private int startContainer(boolean array) {
        if (skipDepth > 0) {
            skipDepth++;
            return SKIP;
        }
        FieldRule rule = valueRule();
        if (maskDepth > 0) {
            maskDepth++;
        } else if (rule != null) {
            if (rule.action() != FieldAction.KEEP) valuesProtected++;
            switch (rule.action()) {
                case REMOVE -> {
                    skipDepth = 1;
                    return SKIP;
                }
                case REDACT -> {
                    skipDepth = 1;
                    replacement = rule.replacement();
                    return REPLACE;
                }
                case MASK, KEEP -> {
                    // every leaf inside gets the rule: masked, or kept in clear one budgeted value at a time
                    maskAll = rule;
                    maskDepth = 1;
                }
            }
        }
        push(array);
        return EMIT;
    }

    /** The end of the innermost open object or array. */
    public int endContainer() {
        if (skipDepth > 0) {
            skipDepth--;
            return SKIP;
        }
        open--;
        path.pop();
        if (maskDepth > 0 && --maskDepth == 0) maskAll = null;
        return EMIT;
    }

    /** A string value. */
    public int string(String value) {
        return leaf(value, true);
    }

    /** A number value, given as its JSON text. */
    public int number(String text) {
        return leaf(text, true);
    }

    /** true, false or null: masking leaves them alone, redaction and removal do not. */
    public int literal(String text) {
        return leaf(text, false);
    }

    private int leaf(String text, boolean maskable) {
        if (skipDepth > 0) return SKIP;
        FieldRule rule = valueRule();
        if (maskDepth > 0) rule = maskAll;
        if (rule == null) return EMIT;
        switch (rule.action()) {
            case REMOVE:
                valuesProtected++;
                return SKIP;
            case REDACT:
                valuesProtected++;
                replacement = rule.replacement();
                return REPLACE;
            case KEEP:
                if (budget == null || budget.take()) {
                    valuesKept++;
                    return EMIT;
                }
                valuesProtected++;
                replacement = rule.replacement();
                return REPLACE;
            default:
                if (!maskable) return EMIT;
                if (maskDepth == 0) valuesProtected++;
                replacement = ValueMasker.mask(text, rule);
                return REPLACE;
        }
    }

    /** The rule for the value starting now: array elements take their index here, object members were decided by name. */
    private FieldRule valueRule() {
        if (open == 0) return maskDepth > 0 ? null : plan.ruleFor(path);
        int idx = nextIndex[open - 1];
        if (idx < 0) {
            FieldRule r = pending;
            pending = null;
            return r;
        }
        nextIndex[open - 1] = idx + 1;
        path.replaceTop(idx);
        return maskDepth > 0 ? null : plan.ruleFor(path);
    }

    private void push(boolean array) {
        if (open == nextIndex.length) nextIndex = Arrays.copyOf(nextIndex, open * 2);
        nextIndex[open++] = array ? 0 : -1;
        path.push(null);
    }

    /** The text to write in place of the value, after an answer of REPLACE. */
    public String replacement() {
        return replacement;
    }

    /** How many values this cursor removed, redacted or masked (for the audit). */
    public int valuesProtected() {
        return valuesProtected;
    }

    /** How many values a rule selected and let through in clear (keep, or a condition exempted the caller). */
    public int valuesKept() {
        return valuesKept;
    }

    /** True when a whole document has closed (no container open and nothing being skipped). */
    public boolean atTopLevel() {
        return open == 0 && skipDepth == 0;
    }
}
