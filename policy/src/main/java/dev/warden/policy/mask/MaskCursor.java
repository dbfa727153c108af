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
    /**
     * From {@link #field(byte[], int, int)} only: as EMIT, and no rule can touch this member's value if it is a string,
     * number or literal, so the engine may pass such a value without reporting it (a container must still be reported).
     */
    public static final int PASS = 5;

    private final MaskPlan plan;
    private final ClearValueBudget budget;
    private final JsonPath path = new JsonPath();
    /** Per open container: next array index, or -1 for an object. */
    private int[] nextIndex = new int[16];
    /** Per open container: its place (null inside a masked container, where places no longer matter). */
    private Place[] places = new Place[16];
    /** Per open object: members named so far, and their places while the object's place learns its order. */
    private int[] memberAt = new int[16];
    private Place[][] learning = new Place[16][];
    /** Per open object: its place's learned member order (null while unknown), kept here to be one read away. */
    private Place.Order[] orders = new Place.Order[16];
    private int open;
    /** The place of the member just named, or of the value starting now. */
    private Place current;

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
    /** Per-rule counts for the audit, or null; {@link #countingRule} is the rule the next protected value counts for. */
    private MaskTally tally;
    private int countingRule = -1;
    /** The rule that masks every leaf of the current masked container. */
    private int maskAllIndex = -1;
    private int valuesKept;

    private final boolean hasAllow;
    /** Some level of the path was not written (see syncPath). */
    private boolean pathStale;

    MaskCursor(MaskPlan plan, ClearValueBudget budget) {
        this.plan = plan;
        this.hasAllow = plan.hasAllow();
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
        syncPath();
        path.replaceTop(name);
        if (maskDepth > 0) {
            pendingSet = false;
            return EMIT;
        }
        current = places[open - 1].member(name, path);
        // names given as text teach no order: the wire engine's guesses compare raw bytes
        learning[open - 1] = null;
        return decideMember(owner);
    }

    /**
     * A property name as the {@code len} raw bytes at {@code utf8[off]} that stood between its quotes, escapes as
     * written (the wire engine: a name seen before costs no decoding).
     */
    public int field(byte[] utf8, int off, int len) {
        if (skipDepth > 0) return SKIP;
        if (maskDepth > 0) {
            // inside a masked container names decide nothing and nothing reads the path's top
            pendingSet = false;
            return EMIT;
        }
        int level = open - 1;
        Place container = places[level];
        int k = memberAt[level]++;
        syncPath();
        current = container.member(utf8, off, len, path);
        Place[] seen = learning[level];
        if (seen != null && k < Place.MAX_ORDER) {
            if (k == seen.length) learning[level] = seen = Arrays.copyOf(seen, k * 2);
            seen[k] = current;
        }
        int d = decideMember(null);
        return d == EMIT && pendingRule < 0 && current.detectors == null ? PASS : d;
    }

    /**
     * For the wire engine, before it reads a name: when the name starting at {@code utf8[off]} is, byte for byte,
     * the one the first object at this place had at this position, and a quote follows it, the decision for that
     * member (as {@link #field(byte[], int, int)}), and {@link #expectedNameLength()} is its length; else -1 and
     * nothing happened: the engine reads the name and calls {@code field}. Records in an array repeat their names in
     * order, so this one comparison usually replaces scanning, hashing and matching the name.
     */
    public int fieldIfExpected(byte[] utf8, int off, int end) {
        if (skipDepth > 0 || maskDepth > 0) return -1;
        int level = open - 1;
        Place.Order order = orders[level];
        if (order == null) return -1;
        int k = memberAt[level];
        int n = Place.Order.match(order.words(), order.places(), k, utf8, off, end);
        if (n < 0) return -1;
        Place guess = order.places()[k];
        memberAt[level] = k + 1;
        expectedLength = n;
        current = guess; // the path is not written: see syncPath
        pathStale = true;
        if (order.inert()[k] && (!hasAllow || allowedDepth > 0)) {
            // what decideMember would find, known without reading the place
            pendingOutsideAllow = false;
            pendingRule = -1;
            pendingSet = true;
            return PASS;
        }
        int d = decideMember(null);
        return d == EMIT && pendingRule < 0 && current.detectors == null ? PASS : d;
    }

    private int expectedLength;

    /**
     * For the wire engine: the learned member order of the object being read when its next members may pass
     * without being reported — those no rule touches ({@code inert}), whose values are strings, numbers or literals
     * (as with {@link #PASS}) — else null: inside a masked or skipped part, or where allowFields has a say. The
     * engine then tells {@link #passed(int)} how many it let through.
     */
    Place.Order passableOrder() {
        if (skipDepth > 0 || maskDepth > 0 || open == 0 || hasAllow && allowedDepth == 0) return null;
        return orders[open - 1];
    }

    /**
     * For the wire engine, just after an array started: whether its string, number and literal elements may pass
     * without being reported — no rule selects this array's elements (a place already met), no mask or skip is
     * under way, allowFields has no say. Element indexes then go uncounted, which only selectors naming an index
     * could notice, and plans with those never remember places.
     */
    boolean scalarElementsPass() {
        if (skipDepth > 0 || maskDepth > 0 || open == 0 || hasAllow && allowedDepth == 0) return false;
        Place array = places[open - 1];
        Place element = array == null ? null : array.knownElement();
        return element != null && element.inert();
    }

    /** With {@link #passableOrder()}: the index of the next member. */
    int memberIndex() {
        return memberAt[open - 1];
    }

    /**
     * The engine passed {@code count} inert members with scalar values without reporting them: nothing about them
     * is left to decide, and the next field or end of the object sets everything it reads.
     */
    void passed(int count) {
        memberAt[open - 1] += count;
        pathStale = true;
    }

    /** The length of the name {@link #fieldIfExpected} recognised. */
    public int expectedNameLength() {
        return expectedLength;
    }

    private int decideMember(Class<?> owner) {
        pendingOutsideAllow = outsideAllow();
        pendingRule = owner != null && plan.typed() ? plan.structuralRule(path, owner) : current.rule;
        pendingSet = true;
        if (pendingOutsideAllow) {
            // not allowed here: a leaf goes, a container that may hold allowed values stays
            return current.allowBelow ? DEFER : SKIP;
        }
        if (pendingRule >= 0 && plan.rule(pendingRule).action() == FieldAction.REMOVE) {
            // a detecting rule before it may still claim a string value: then the name stays
            return detectorsBefore(pendingRule) != null ? DEFER : SKIP;
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
        if (!inMask && !hasAllow && ruleIndex < 0) {
            // the common case, kept short so that engines can inline it: no rule here, no allowFields, no mask
            pendingSet = false;
            push(array, current);
            return EMIT;
        }
        return startDecided(array, inMask, ruleIndex);
    }

    private int startDecided(boolean array, boolean inMask, int ruleIndex) {
        boolean outside = !inMask && valueOutsideAllow();
        if (outside && !current.allowBelow) {
            skipDepth = 1;
            return SKIP;
        }
        if (!outside && allowedDepth == 0 && plan.hasAllow() && !inMask && current.allowMatch) allowedDepth = 1;
        else if (allowedDepth > 0) allowedDepth++;
        FieldRule rule = ruleIndex < 0 ? null : plan.rule(ruleIndex);
        if (inMask) {
            maskDepth++;
        } else if (rule != null) {
            countingRule = ruleIndex;
            if (rule.action() != FieldAction.KEEP) protect();
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
                    maskAllIndex = ruleIndex;
                    maskDepth = 1;
                }
            }
        }
        push(array, inMask ? null : current);
        return EMIT;
    }

    /** The end of the innermost open object or array. */
    public int endContainer() {
        if (skipDepth > 0) {
            skipDepth--;
            return SKIP;
        }
        open--;
        if (learning[open] != null && memberAt[open] > 0) {
            places[open].learnOrder(learning[open], memberAt[open]);
            learning[open] = null;
        }
        places[open] = null;
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
            countingRule = maskAllIndex;
            heldDetect = false;
            heldCounts = false;
        } else {
            heldIndex = valueRule();
            if (valueOutsideAllow()) return SKIP;
            heldRule = heldIndex < 0 ? null : plan.rule(heldIndex);
            countingRule = heldIndex;
            heldDetect = isString && detectorsBefore(heldIndex) != null;
            heldCounts = true;
            if (heldDetect) return NEED_TEXT;
        }
        if (heldRule == null) return EMIT;
        return switch (heldRule.action()) {
            case REMOVE, REDACT, KEEP -> applyWithoutText(heldRule);
            default -> maskable ? NEED_TEXT : EMIT;
        };
    }

    private int leafText(String text, boolean maskable) {
        if (heldDetect) {
            String rewritten = detect(heldIndex, text);
            if (rewritten != null) {
                if (tally != null) countingRule = plan.indexOf(detectorsBefore(heldIndex).get(0));
                protect();
                replacement = rewritten;
                return rewritten.equals(text) ? EMIT : REPLACE;
            }
        }
        return heldRule == null ? EMIT : apply(heldRule, text, maskable, heldCounts);
    }

    /**
     * {@link #apply} for the actions that need no text. Kept apart so that the decision before the text stays small:
     * the JIT inlines it into the wire engine's loop at every call site, and the masking code would crowd out the
     * rest of that loop's inlining.
     */
    private int applyWithoutText(FieldRule rule) {
        switch (rule.action()) {
            case REMOVE:
                protect();
                return SKIP;
            case REDACT:
                protect();
                replacement = rule.replacement();
                return REPLACE;
            default: // KEEP
                if (budget == null || budget.take()) {
                    valuesKept++;
                    return EMIT;
                }
                protect();
                replacement = rule.replacement();
                return REPLACE;
        }
    }

    private int apply(FieldRule rule, String text, boolean maskable, boolean counts) {
        switch (rule.action()) {
            case REMOVE:
                protect();
                return SKIP;
            case REDACT:
                protect();
                replacement = rule.replacement();
                return REPLACE;
            case KEEP:
                if (budget == null || budget.take()) {
                    valuesKept++;
                    return EMIT;
                }
                protect();
                replacement = rule.replacement();
                return REPLACE;
            default:
                if (!maskable) return EMIT;
                if (counts) protect();
                replacement = ValueMasker.transform(text, rule, plan.tokenizer());
                return REPLACE;
        }
    }

    /**
     * The detecting rules that come before the deciding rule (all of them when none decides by place) look into
     * the string and together rewrite what they find. Null when none finds anything.
     */
    private String detect(int structural, String text) {
        List<FieldRule> applicable = detectorsBefore(structural);
        return applicable == null ? null : Detection.rewrite(text, applicable, plan.tokenizer(), budget);
    }

    /** The detecting rules selecting the current value before rule {@code index} (-1: all); null when none. */
    private List<FieldRule> detectorsBefore(int index) {
        if (!plan.hasDetecting()) return null;
        // the place knows the answer for its own rule; a rule chosen by Java type differs from it
        return index == current.rule ? current.detectors : Place.detectorsBefore(plan, index, path);
    }

    /** The rule for the value starting now (index, or -1): array elements take their index here, members were decided by name. */
    private int valueRule() {
        if (open == 0) {
            pendingSet = false;
            current = plan.root();
            return current.rule;
        }
        int idx = nextIndex[open - 1];
        if (idx < 0) {
            if (!pendingSet) return -1;
            return pendingRule;
        }
        nextIndex[open - 1] = idx + 1;
        pendingSet = false;
        Place container = places[open - 1];
        if (container == null) return -1; // inside a masked container: the mask decides
        Place known = container.knownElement();
        if (known != null) {
            pathStale = true; // the index is not written
        } else {
            syncPath();
            path.replaceTop(idx);
            known = container.element(path);
        }
        current = known;
        return current.rule;
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

    /**
     * Brings the path's segments above the top one up to date. The hot path does not write the path (a member or
     * element whose place is known needs no selector matching); what each level holds follows from the cursor's own
     * state — the index of the element being read, or the place of the member whose value is the next container —
     * and is written here, before anything reads the path (a new place, a rule by Java type).
     */
    private void syncPath() {
        if (!pathStale) return; // a hook, reporting every name as text, keeps the path written as it goes
        pathStale = false;
        for (int i = 0; i < open - 1; i++) {
            if (nextIndex[i] >= 0) path.set(i, nextIndex[i] - 1);
            else path.set(i, places[i + 1]);
        }
    }

    private boolean outsideAllow() {
        return plan.hasAllow() && allowedDepth == 0 && !current.allowMatch;
    }

    private void push(boolean array, Place place) {
        if (open == nextIndex.length) {
            nextIndex = Arrays.copyOf(nextIndex, open * 2);
            places = Arrays.copyOf(places, open * 2);
            memberAt = Arrays.copyOf(memberAt, open * 2);
            learning = Arrays.copyOf(learning, open * 2);
            orders = Arrays.copyOf(orders, open * 2);
        }
        places[open] = place;
        memberAt[open] = 0;
        learning[open] = array || place == null || place.orderKnown() ? null : new Place[8];
        orders[open] = array || place == null ? null : place.order();
        nextIndex[open++] = array ? 0 : -1;
        path.push(null);
    }

    /** The text to write in place of the value, after an answer of REPLACE. */
    public String replacement() {
        return replacement;
    }

    /** A value was protected: counted in total and, when a tally is kept, for the rule that protected it. */
    private void protect() {
        valuesProtected++;
        if (tally != null) tally.hit(countingRule);
    }

    /** Counts each protected value for its rule into {@code tally} (shared by every cursor of one response). */
    public void countInto(MaskTally tally) {
        this.tally = tally;
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
