package dev.warden.policy.mask;

import dev.warden.policy.model.FieldRule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The field rules that apply to one response, in policy order: the first rule that selects a value decides it. */
public final class MaskPlan {

    private final FieldRule[] rules;
    /** The names a selector's last step requires: a property whose name is not among them cannot be selected. */
    private final Set<String> lastNames;
    private final boolean anyName;
    private final boolean anyIndex;
    private final boolean root;
    /** Asked before a kept value passes in clear; null when no data budget applies. */
    private final ClearValueBudget budget;

    /** A view of {@code shared} for one response, whose kept values draw on {@code budget}. */
    private MaskPlan(MaskPlan shared, ClearValueBudget budget) {
        this.rules = shared.rules;
        this.lastNames = shared.lastNames;
        this.anyName = shared.anyName;
        this.anyIndex = shared.anyIndex;
        this.root = shared.root;
        this.budget = budget;
    }

    public MaskPlan(List<FieldRule> rules) {
        this.budget = null;
        this.lastNames = new HashSet<>();
        this.rules = rules.toArray(new FieldRule[0]);
        boolean anyName = false;
        boolean anyIndex = false;
        boolean root = false;
        for (FieldRule rule : rules) {
            for (JsonSelector s : rule.selectors()) {
                if (s.lastName() != null) lastNames.add(s.lastName());
                anyName |= s.lastMatchesAnyName();
                anyIndex |= s.lastMatchesIndexes();
                root |= s.isRoot();
            }
        }
        this.anyName = anyName;
        this.anyIndex = anyIndex;
        this.root = root;
    }

    public boolean isEmpty() {
        return rules.length == 0;
    }

    /** The rule deciding the value at {@code path}, or null when no rule selects it. */
    public FieldRule ruleFor(JsonPath path) {
        // Most values are selected by no rule; rule them out by their last path segment before any matching.
        if (path.depth() == 0) {
            if (!root) return null;
        } else {
            Object top = path.top();
            if (top instanceof String name ? !anyName && !lastNames.contains(name) : !anyIndex) return null;
        }
        for (FieldRule rule : rules) {
            for (JsonSelector selector : rule.selectors()) {
                if (selector.matches(path)) return rule;
            }
        }
        return null;
    }

    public MaskCursor newCursor() {
        return new MaskCursor(this, budget);
    }

    /** This plan for one response whose values in clear count against {@code budget}. */
    public MaskPlan withBudget(ClearValueBudget budget) {
        return new MaskPlan(this, budget);
    }
}
