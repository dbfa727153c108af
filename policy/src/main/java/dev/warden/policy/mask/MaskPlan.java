package dev.warden.policy.mask;

import dev.warden.policy.model.FieldRule;
import java.util.List;

/** The field rules that apply to one response, in policy order: the first rule that selects a value decides it. */
public final class MaskPlan {

    private final FieldRule[] rules;

    public MaskPlan(List<FieldRule> rules) {
        this.rules = rules.toArray(new FieldRule[0]);
    }

    public boolean isEmpty() {
        return rules.length == 0;
    }

    /** The rule deciding the value at {@code path}, or null when no rule selects it. */
    public FieldRule ruleFor(JsonPath path) {
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
