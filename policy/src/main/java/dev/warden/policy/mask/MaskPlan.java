package dev.warden.policy.mask;

import dev.warden.policy.model.FieldRule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The field rules that apply to one response, in policy order: the first rule that selects a value decides it. */
public final class MaskPlan {

    private final FieldRule[] rules;
    /** The names a selector's last step requires: a property whose name is not among them cannot be selected. */
    private final Set<String> lastNames = new HashSet<>();
    private final boolean anyName;
    private final boolean anyIndex;
    private final boolean root;

    public MaskPlan(List<FieldRule> rules) {
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
        return new MaskCursor(this);
    }
}
