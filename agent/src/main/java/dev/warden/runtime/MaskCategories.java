package dev.warden.runtime;

import dev.warden.policy.mask.Detector;
import dev.warden.policy.mask.MaskTally;
import dev.warden.policy.model.FieldAction;
import dev.warden.policy.model.FieldRule;
import dev.warden.policy.model.Route;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The category of what a field rule protected, for the metrics: the detector's name (pan, email, ssn...) when the
 * rule finds values by their content, {@value #NONE} for a rule that selects them by place. A finished request names
 * its rules by label only ({@link MaskTally#label}), so the label is looked up once among the rules of the request's
 * route; a rule with several detectors has them all, comma-separated (which one found a value is not counted).
 */
final class MaskCategories {

    static final String NONE = "-";
    /** Labels come from policies, so there are few; the bound only guards against a policy reloaded forever. */
    private static final int MAX_LABELS = 10_000;

    private final ConcurrentHashMap<String, String> byLabel = new ConcurrentHashMap<>();

    String of(String label, Route route) {
        String known = byLabel.get(label);
        if (known != null) return known;
        String found = lookUp(label, route);
        if (found != null && byLabel.size() < MAX_LABELS) byLabel.putIfAbsent(label, found);
        return found == null ? NONE : found;
    }

    /** The category of the route's rule labelled {@code label}; null when the route has no such rule. */
    private static String lookUp(String label, Route route) {
        if (route == null) return null;
        for (FieldRule rule : route.fieldRules()) {
            // a rule whose caller is exempted (when/unless) with a data budget counts under its keep form
            if (label.equals(MaskTally.label(rule)) || label.equals(MaskTally.label(rule.withAction(FieldAction.KEEP)))) {
                return rule.detecting() ? names(rule) : NONE;
            }
        }
        return null;
    }

    private static String names(FieldRule rule) {
        StringJoiner names = new StringJoiner(",");
        for (Detector d : rule.detectors()) names.add(d.policyName());
        return names.toString();
    }
}
