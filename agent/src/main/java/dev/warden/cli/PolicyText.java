package dev.warden.cli;

import dev.warden.policy.mask.MaskTally;
import dev.warden.policy.model.FieldAction;
import dev.warden.policy.model.FieldRule;
import dev.warden.policy.model.RateLimitSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Policy settings written back the way a policy (and the audit log) writes them, for {@code explain}. */
final class PolicyText {

    private PolicyText() {
    }

    /** The rule as the audit log names it, with the options that change its output and its conditions. */
    static String rule(FieldRule rule) {
        List<String> options = new ArrayList<>();
        if (rule.keepFirst() > 0) options.add("keepFirst " + rule.keepFirst());
        if (rule.keepLast() > 0) options.add("keepLast " + rule.keepLast());
        if (rule.action() == FieldAction.REDACT && rule.replacement() != null
                && !rule.replacement().equals(FieldRule.DEFAULT_REDACTION)) {
            options.add("with \"" + rule.replacement() + "\"");
        }
        if (rule.luhn()) options.add("luhn");
        if (rule.when() != null) options.add("when: " + rule.when());
        if (rule.unless() != null) options.add("unless: " + rule.unless());
        return MaskTally.label(rule) + (options.isEmpty() ? "" : " (" + String.join(", ", options) + ")");
    }

    static String limit(RateLimitSpec spec) {
        return spec.limit() + " per " + duration(spec.per()) + " by " + spec.by().describe()
                + (spec.burst() != spec.limit() ? ", burst " + spec.burst() : "")
                + (spec.cost() != 1 ? ", cost " + spec.cost() : "");
    }

    /** In the policy's own units: 500ms, 30s, 1m, 1h, 1d. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) return ms / 86_400_000 + "d";
        if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1_000 == 0) return ms / 1_000 + "s";
        return ms + "ms";
    }
}
