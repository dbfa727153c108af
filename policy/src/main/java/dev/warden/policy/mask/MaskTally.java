package dev.warden.policy.mask;

import dev.warden.policy.model.FieldRule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * How many values each field rule of a plan protected in one response (all the cursors of that response count into
 * the same tally: the wire engine's and serializer hooks'), for the audit log.
 */
public final class MaskTally {

    private final MaskPlan plan;
    private final AtomicIntegerArray hits;

    public MaskTally(MaskPlan plan) {
        this.plan = plan;
        this.hits = new AtomicIntegerArray(Math.max(1, plan.rules().size()));
    }

    void hit(int rule) {
        if (rule >= 0 && rule < hits.length()) hits.incrementAndGet(rule);
    }

    /** Rule label to count, for the rules that protected something, in policy order. */
    public Map<String, Integer> byRule() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < plan.rules().size(); i++) {
            int n = hits.get(i);
            if (n > 0) out.merge(label(plan.rules().get(i)), n, Integer::sum);
        }
        return out;
    }

    /** What a person reading the policy recognises the rule by: its selectors, keys, detectors or types, and its action. */
    public static String label(FieldRule rule) {
        StringBuilder b = new StringBuilder();
        for (Object s : rule.selectors()) b.append(b.length() == 0 ? "" : ",").append(s);
        for (Object k : rule.keys()) b.append(b.length() == 0 ? "key:" : ",key:").append(k);
        for (Detector d : rule.detectors()) b.append(b.length() == 0 ? "detect:" : ",detect:").append(d.policyName());
        if (rule.types() != null) b.append(b.length() == 0 ? "" : ",").append(rule.types());
        return b.append(' ').append(rule.action().name().toLowerCase(java.util.Locale.ROOT)).toString();
    }
}
