package dev.warden.policy.mask;

import dev.warden.policy.model.FieldAction;
import dev.warden.policy.model.FieldRule;
import java.util.Arrays;
import java.util.List;

/**
 * Decides, event by event, what a JSON writer may emit for one document. Both engines drive it — the wire engine
 * from parser tokens, the serializer hooks from generator calls — so a rule picks the same values in both.
 *
 * <p>Each event method answers {@link #EMIT} (write the event as it is), {@link #SKIP} (write nothing) or
 * {@link #REPLACE} (write the string {@link #replacement()} instead of the value). A property name may also be
 * answered {@link #DEFER}: hold the name back; the answer for its value decides — SKIP drops both, anything else
 * writes the name first. Inside a removed or redacted container everything is skipped; inside a masked container
 * every string and number leaf is replaced; inside a kept container every leaf passes in clear (while the data
 * budget, if any, lasts).
 *
 * <p>Order of checks for a value: {@code allowFields} (outside it, values are removed), then the rules in policy
 * order: the first whose place matches decides, except that detecting rules decide a string only when they find
 * something in it (together they replace just those parts) and never decide anything else.
 */
public final class MaskCursor {

    public static final int EMIT = 0;
    public static final int SKIP = 1;
    public static final int REPLACE = 2;
    public static final int DEFER = 3;
    /** From {@link #stringPending()} / {@link #numberPending()}: the decision needs the value's text. */
    public static final int NEED_TEXT = 4;

    private final MaskPlan plan;
    private final ClearValueBudget budget;
    private final JsonPath path = new JsonPath();
    /** Per open container: next array index, or -1 for an object. */
    private int[] nextIndex = new int[16];
    private int open;

    private int skipDepth;
    private FieldRule maskAll;
    private int maskDepth;
    /** Greater than zero inside a value that allowFields selected (no more allow checks below it). */
    private int allowedDepth;
    /** For the member whose name was just read: whether its value was decided at the name, and how. */
    private boolean pendingSet;
    private int pendingRule;
    private boolean pendingOutsideAllow;
    /** The leaf being decided in two steps (pending, then text). */
    private FieldRule heldRule;
    private int heldIndex;
    private boolean heldDetect;
    private boolean heldCounts;
    private String replacement;
    private int valuesProtected;
    private int valuesKept;

    MaskCursor(MaskPlan plan, ClearValueBudget budget) {
        this.plan = plan;
        this.budget = budget;
    }

    /** A property name inside an object; SKIP means the name and its whole value are dropped. */
    public int field(String name) {
        return field(name, null);
    }

    /**
     * A property name, with the class of the object it belongs to when the engine knows it (serializer hooks): rules
     * that select by Java type then apply too.
     */
    public int field(String name, Class<?> owner) {
        if (skipDepth > 0) return SKIP;
        path.replaceTop(name);
        if (maskDepth > 0) {
            pendingSet = false;
            return EMIT;
        }
        pendingOutsideAllow = outsideAllow();
        pendingRule = plan.structuralRule(path, owner);
        pendingSet = true;
        if (pendingOutsideAllow) {
            // not allowed here: a leaf goes, a container that may hold allowed values stays
            return plan.allowMayMatchBelow(path) ? DEFER : SKIP;
        }
        if (pendingRule >= 0 && plan.rule(pendingRule).action() == FieldAction.REMOVE) {
            // a detecting rule before it may still claim a string value: then the name stays
            return plan.detectingBefore(pendingRule, path) ? DEFER : SKIP;
        }
        return EMIT;
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
        boolean inMask = maskDepth > 0;
        int ruleIndex = valueRule();
        boolean outside = !inMask && valueOutsideAllow();
        if (outside && !plan.allowMayMatchBelow(path)) {
            skipDepth = 1;
            return SKIP;
        }
        if (!outside && allowedDepth == 0 && plan.hasAllow() && !inMask && plan.allowMatches(path)) allowedDepth = 1;
        else if (allowedDepth > 0) allowedDepth++;
        FieldRule rule = ruleIndex < 0 ? null : plan.rule(ruleIndex);
        if (inMask) {
            maskDepth++;
        } else if (rule != null) {
            if (rule.action() != FieldAction.KEEP) valuesProtected++;
            switch (rule.action()) {
                case REMOVE -> {
                    if (allowedDepth > 0) allowedDepth--;
                    skipDepth = 1;
                    return SKIP;
                }
                case REDACT, HASH, TOKENIZE, FPE -> {
                    // a container has no single text to hash or encrypt: it is redacted whole
                    if (allowedDepth > 0) allowedDepth--;
                    skipDepth = 1;
                    replacement = rule.replacement();
                    return REPLACE;
                }
                default -> {
                    // mask, keepDomain, keep: every leaf inside gets the rule
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
        if (allowedDepth > 0) allowedDepth--;
        return EMIT;
    }

    /** A string value. */
    public int string(String value) {
        return leaf(value, true, true);
    }

    /** A number value, given as its JSON text. */
    public int number(String text) {
        return leaf(text, true, false);
    }

    /** true, false or null: masking leaves them alone, redaction and removal do not. */
    public int literal(String text) {
        return leaf(text, false, false);
    }

    private int leaf(String text, boolean maskable, boolean isString) {
        int d = leafPending(maskable, isString);
        return d == NEED_TEXT ? leafText(text, maskable) : d;
    }

    /**
     * For engines that read a string lazily: the decision when it does not depend on the text (EMIT, SKIP, REPLACE),
     * else NEED_TEXT, after which {@link #stringText(String)} must be called with the value.
     */
    public int stringPending() {
        return leafPending(true, true);
    }

    public int stringText(String value) {
        return leafText(value, true);
    }

    /** As {@link #stringPending()} for a number (its text is its JSON text). */
    public int numberPending() {
        return leafPending(true, false);
    }

    public int numberText(String text) {
        return leafText(text, true);
    }

    private int leafPending(boolean maskable, boolean isString) {
        if (skipDepth > 0) return SKIP;
        if (maskDepth > 0) {
            pendingSet = false;
            heldRule = maskAll;
            heldDetect = false;
            heldCounts = false;
        } else {
            heldIndex = valueRule();
            if (valueOutsideAllow()) return SKIP;
            heldRule = heldIndex < 0 ? null : plan.rule(heldIndex);
            heldDetect = isString && plan.detectingBefore(heldIndex < 0 ? Integer.MAX_VALUE : heldIndex, path);
            heldCounts = true;
            if (heldDetect) return NEED_TEXT;
        }
        if (heldRule == null) return EMIT;
        return switch (heldRule.action()) {
            case REMOVE, REDACT, KEEP -> apply(heldRule, null, maskable, heldCounts);
            default -> maskable ? NEED_TEXT : EMIT;
        };
    }

    private int leafText(String text, boolean maskable) {
        if (heldDetect) {
            String rewritten = detect(heldIndex, text);
            if (rewritten != null) {
                valuesProtected++;
                replacement = rewritten;
                return rewritten.equals(text) ? EMIT : REPLACE;
            }
        }
        return heldRule == null ? EMIT : apply(heldRule, text, maskable, heldCounts);
    }

    private int apply(FieldRule rule, String text, boolean maskable, boolean counts) {
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
                if (counts) valuesProtected++;
                replacement = ValueMasker.transform(text, rule, plan.tokenizer());
                return REPLACE;
        }
    }

    /**
     * The detecting rules that come before the deciding rule (all of them when none decides by place) look into
     * the string and together rewrite what they find. Null when none finds anything.
     */
    private String detect(int structural, String text) {
        List<FieldRule> rules = plan.rules();
        int end = structural < 0 ? rules.size() : structural;
        List<FieldRule> applicable = null;
        for (int i = 0; i < end; i++) {
            FieldRule r = rules.get(i);
            if (!r.detecting() || !r.selects(path)) continue;
            if (applicable == null) applicable = new java.util.ArrayList<>(2);
            applicable.add(r);
        }
        return applicable == null ? null : Detection.rewrite(text, applicable, plan.tokenizer(), budget);
    }

    /** The rule for the value starting now (index, or -1): array elements take their index here, members were decided by name. */
    private int valueRule() {
        if (open == 0) {
            pendingSet = false;
            return plan.structuralRule(path);
        }
        int idx = nextIndex[open - 1];
        if (idx < 0) {
            if (!pendingSet) return -1;
            return pendingRule;
        }
        nextIndex[open - 1] = idx + 1;
        path.replaceTop(idx);
        pendingSet = false;
        return plan.structuralRule(path);
    }

    /** Whether the value starting now lies outside allowFields (decided at its name for members). */
    private boolean valueOutsideAllow() {
        if (open > 0 && nextIndex[open - 1] < 0 && pendingSet) {
            pendingSet = false;
            return pendingOutsideAllow;
        }
        pendingSet = false;
        return outsideAllow();
    }

    private boolean outsideAllow() {
        return plan.hasAllow() && allowedDepth == 0 && !plan.allowMatches(path);
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

    /** How many values this cursor removed, redacted, masked or otherwise transformed (for the audit). */
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
