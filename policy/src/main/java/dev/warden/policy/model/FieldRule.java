package dev.warden.policy.model;

import dev.warden.policy.mask.JsonSelector;
import java.util.List;

/** One response rule: the values its selectors pick get its action. */
public record FieldRule(List<JsonSelector> selectors, FieldAction action, int keepFirst, int keepLast,
                        String replacement) {

    public static final String DEFAULT_REDACTION = "[REDACTED]";

    public FieldRule {
        selectors = List.copyOf(selectors);
    }
}
