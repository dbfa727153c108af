package dev.warden.policy.model;

import dev.warden.policy.engine.CelCondition;
import dev.warden.policy.mask.JsonSelector;
import java.util.List;

/**
 * One response rule: the values its selectors pick get its action, for callers that {@code when} admits and
 * {@code unless} does not (either may be null: no condition).
 */
public record FieldRule(List<JsonSelector> selectors, FieldAction action, int keepFirst, int keepLast,
                        String replacement, CelCondition when, CelCondition unless) {

    public FieldRule(List<JsonSelector> selectors, FieldAction action, int keepFirst, int keepLast, String replacement) {
        this(selectors, action, keepFirst, keepLast, replacement, null, null);
    }

    public static final String DEFAULT_REDACTION = "[REDACTED]";

    public FieldRule {
        selectors = List.copyOf(selectors);
    }

    public boolean conditional() {
        return when != null || unless != null;
    }

    /** The same selection with another action (used to count, or to redact, what would pass in clear). */
    public FieldRule withAction(FieldAction other) {
        return new FieldRule(selectors, other, keepFirst, keepLast, replacement, null, null);
    }
}
