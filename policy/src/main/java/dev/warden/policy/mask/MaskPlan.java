package dev.warden.policy.mask;

import dev.warden.policy.model.FieldRule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The field rules that apply to one response, in policy order, with what the cursor needs to find the deciding
 * rule quickly, the {@code allowFields} selectors (null: no filter) and the tokenization keys (null: none).
 */
public final class MaskPlan {

    private final List<FieldRule> rules;
    private final FieldRule[] ruleArray;
    private final List<JsonSelector> allow;
    private final Tokenizer tokenizer;
    /** The names a selector's last step requires: a property whose name is not among them cannot be selected. */
    private final Set<String> lastNames;
    private final KeyGlob[] globs;
    private final boolean anyName;
    private final boolean anyIndex;
    private final boolean root;
    private final boolean detecting;
    /** Some rule selects by Java type: names cannot rule a member out before the owner is known. */
    private final boolean typed;
    /** Asked before a kept value passes in clear; null when no data budget applies. */
    private final ClearValueBudget budget;
    /** Counts protected values per rule for one response (the audit); null for a shared plan. */
    private final MaskTally tally;

    /** Places remembered per plan at most: beyond, places are worked out per value and forgotten. */
    static final int MAX_PLACES = 10_000;
    /** Places can be remembered: no selector names an array index. */
    private final boolean remembersPlaces;
    private final AtomicInteger places;
    /** The place of the whole document. */
    private final Place rootPlace;

    /**
     * A view of {@code shared} for one response, whose kept values draw on {@code budget} and whose cursors count
     * what each rule protected into {@code tally} (either may be null).
     */
    private MaskPlan(MaskPlan shared, ClearValueBudget budget, MaskTally tally) {
        this.rules = shared.rules;
        this.ruleArray = shared.ruleArray;
        this.allow = shared.allow;
        this.tokenizer = shared.tokenizer;
        this.lastNames = shared.lastNames;
        this.globs = shared.globs;
        this.anyName = shared.anyName;
        this.anyIndex = shared.anyIndex;
        this.root = shared.root;
        this.detecting = shared.detecting;
        this.typed = shared.typed;
        this.budget = budget;
        this.tally = tally;
        this.remembersPlaces = shared.remembersPlaces;
        this.places = shared.places;
        this.rootPlace = shared.rootPlace;
    }

    public MaskPlan(List<FieldRule> rules) {
        this(rules, null, null);
    }

    public MaskPlan(List<FieldRule> rules, List<JsonSelector> allow, Tokenizer tokenizer) {
        this.rules = List.copyOf(rules);
        this.ruleArray = rules.toArray(new FieldRule[0]);
        this.allow = allow == null || allow.isEmpty() ? null : List.copyOf(allow);
        this.tokenizer = tokenizer;
        this.budget = null;
        this.tally = null;
        this.lastNames = new HashSet<>();
        boolean anyName = false;
        boolean anyIndex = false;
        boolean root = false;
        boolean detecting = false;
        boolean typed = false;
        boolean namesIndex = false;
        if (this.allow != null) for (JsonSelector s : this.allow) namesIndex |= s.namesIndex();
        java.util.List<KeyGlob> globs = new java.util.ArrayList<>();
        for (FieldRule rule : rules) {
            if (rule.detecting()) {
                detecting = true;
                continue; // found by detect(), never by structuralRule()
            }
            globs.addAll(rule.keys());
            typed |= rule.types() != null;
            for (JsonSelector s : rule.selectors()) {
                if (s.lastName() != null) lastNames.add(s.lastName());
                anyName |= s.lastMatchesAnyName();
                anyIndex |= s.lastMatchesIndexes();
                root |= s.isRoot();
                namesIndex |= s.namesIndex();
            }
        }
        this.globs = globs.toArray(new KeyGlob[0]);
        this.anyName = anyName;
        this.anyIndex = anyIndex;
        this.root = root;
        this.detecting = detecting;
        this.typed = typed;
        // detecting rules' selectors are matched per place too
        for (FieldRule rule : rules) for (JsonSelector s : rule.selectors()) namesIndex |= s.namesIndex();
        this.remembersPlaces = !namesIndex;
        this.places = new AtomicInteger();
        this.rootPlace = new Place(this, new JsonPath(), remembersPlaces);
    }

    /** The place of the whole document. */
    Place root() {
        return rootPlace;
    }

    /** Counts one more remembered place; false when the plan remembers enough. */
    boolean reservePlace() {
        return places.incrementAndGet() <= MAX_PLACES;
    }

    boolean typed() {
        return typed;
    }

    public boolean isEmpty() {
        return ruleArray.length == 0 && allow == null;
    }

    /** The rules of this plan, in the order they decide (the same instances as the route's, for those that apply). */
    public List<FieldRule> rules() {
        return rules;
    }

    /** The index of {@code rule} in this plan (by identity), or -1. */
    int indexOf(FieldRule rule) {
        for (int i = 0; i < ruleArray.length; i++) if (ruleArray[i] == rule) return i;
        return -1;
    }

    FieldRule rule(int index) {
        return ruleArray[index];
    }

    Tokenizer tokenizer() {
        return tokenizer;
    }

    boolean hasDetecting() {
        return detecting;
    }

    /** The index of the first rule that selects the value at {@code path} by place alone, or -1. */
    int structuralRule(JsonPath path) {
        return structuralRule(path, null);
    }

    /**
     * The index of the first rule that selects the value at {@code path} by place, or by type when {@code owner}
     * (the class of the object the member belongs to, known to serializer hooks only) is given; or -1.
     */
    int structuralRule(JsonPath path, Class<?> owner) {
        if (typed && owner != null && path.depth() > 0 && path.top() instanceof String name) {
            for (int i = 0; i < ruleArray.length; i++) {
                FieldRule rule = ruleArray[i];
                if (rule.detecting()) continue;
                if (rule.types() != null && rule.types().matches(owner, name) || rule.selects(path)) return i;
            }
            return -1;
        }
        // Most values are selected by no rule; rule them out by their last path segment before any matching.
        if (path.depth() == 0) {
            if (!root) return -1;
        } else {
            Object top = path.top();
            if (top instanceof String name) {
                if (!anyName && !lastNames.contains(name) && !globMatches(name)) return -1;
            } else if (!anyIndex) {
                return -1;
            }
        }
        for (int i = 0; i < ruleArray.length; i++) {
            FieldRule rule = ruleArray[i];
            if (!rule.detecting() && rule.selects(path)) return i;
        }
        return -1;
    }

    private boolean globMatches(String name) {
        for (KeyGlob g : globs) if (g.matches(name)) return true;
        return false;
    }

    /** The rule deciding a non-string value at {@code path} (tests and tools), or null. */
    public FieldRule ruleFor(JsonPath path) {
        int i = structuralRule(path);
        return i < 0 ? null : ruleArray[i];
    }

    boolean hasAllow() {
        return allow != null;
    }

    boolean allowMatches(JsonPath path) {
        for (JsonSelector s : allow) if (s.matches(path)) return true;
        return false;
    }

    /** Whether something below {@code path} could be selected by allowFields (so the container must stay). */
    boolean allowMayMatchBelow(JsonPath path) {
        for (JsonSelector s : allow) if (s.mayMatchBelow(path)) return true;
        return false;
    }

    public MaskCursor newCursor() {
        MaskCursor cursor = new MaskCursor(this, budget);
        if (tally != null) cursor.countInto(tally);
        return cursor;
    }

    /** This plan for one response whose values in clear count against {@code budget}. */
    public MaskPlan withBudget(ClearValueBudget budget) {
        return new MaskPlan(this, budget, tally);
    }

    /** This plan for one response whose cursors count into {@code tally} (see {@link MaskTally}). */
    public MaskPlan withTally(MaskTally tally) {
        return new MaskPlan(this, budget, tally);
    }
}
