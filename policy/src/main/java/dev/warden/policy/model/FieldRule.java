package dev.warden.policy.model;

import dev.warden.policy.engine.CelCondition;
import dev.warden.policy.mask.Detector;
import dev.warden.policy.mask.JsonPath;
import dev.warden.policy.mask.JsonSelector;
import dev.warden.policy.mask.KeyGlob;
import java.util.List;

/**
 * One response rule. It selects values by path ({@code select}), by property name ({@code keys}), or by content
 * ({@code detect}: only the detected parts of string values), in any combination: with no path selection a
 * detecting rule looks at every string. It applies to callers that {@code when} admits and {@code unless} does not
 * (either may be null: no condition).
 *
 * @param luhn  for {@code fpe}: a Luhn-valid card number stays Luhn-valid
 * @param types selection by Java type (serializer hooks only), or null
 */
public record FieldRule(List<JsonSelector> selectors, List<KeyGlob> keys, List<Detector> detectors, FieldAction action,
                        int keepFirst, int keepLast, String replacement, boolean luhn, CelCondition when,
                        CelCondition unless, TypeSelector types) {

    public static final String DEFAULT_REDACTION = "[REDACTED]";

    public FieldRule(List<JsonSelector> selectors, FieldAction action, int keepFirst, int keepLast, String replacement) {
        this(selectors, List.of(), List.of(), action, keepFirst, keepLast, replacement, false, null, null, null);
    }

    public FieldRule {
        selectors = List.copyOf(selectors);
        keys = List.copyOf(keys);
        detectors = List.copyOf(detectors);
    }

    public boolean conditional() {
        return when != null || unless != null;
    }

    /** Whether the rule looks at string contents (and decides only what its detectors find). */
    public boolean detecting() {
        return !detectors.isEmpty();
    }

    /**
     * Whether the value at {@code path} is selected by place: a selector, a key glob, or (for a detecting rule) no
     * place given at all. A rule that selects by type only selects nothing by place.
     */
    public boolean selects(JsonPath path) {
        if (selectors.isEmpty() && keys.isEmpty()) return types == null;
        for (JsonSelector s : selectors) if (s.matches(path)) return true;
        if (!keys.isEmpty() && path.depth() > 0 && path.top() instanceof String name) {
            for (KeyGlob k : keys) if (k.matches(name)) return true;
        }
        return false;
    }

    /** The same selection with another action (used to count, or to redact, what would pass in clear). */
    public FieldRule withAction(FieldAction other) {
        return new FieldRule(selectors, keys, detectors, other, keepFirst, keepLast, replacement, luhn, null, null, types);
    }
}
