package dev.warden.policy.engine;

import dev.warden.policy.mask.JsonSelector;
import dev.warden.policy.mask.MaskPlan;
import dev.warden.policy.mask.Tokenizer;
import dev.warden.policy.model.FieldAction;
import dev.warden.policy.model.FieldRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The masking plan of one route for each caller. A rule applies to a caller when its {@code when} admits and its
 * {@code unless} does not; the first applicable rule selecting a value decides it. With a data budget, rules that
 * did not apply still count what they select and no applicable rule decided: those values reach the caller in
 * clear, so they draw on the budget (as {@code keep}). Plans are built once per combination of applicable rules.
 */
final class ResponsePlans {

    private final FieldRule[] rules;
    private final List<JsonSelector> allow;
    private final Tokenizer tokenizer;
    private final boolean budgeted;
    private final boolean conditional;
    private final MaskPlan unconditional;
    private final Map<Long, MaskPlan> byApplicable = new ConcurrentHashMap<>();

    ResponsePlans(List<FieldRule> rules, List<JsonSelector> allow, Tokenizer tokenizer, boolean budgeted) {
        this.rules = rules.toArray(new FieldRule[0]);
        this.allow = allow;
        this.tokenizer = tokenizer;
        this.budgeted = budgeted;
        this.conditional = rules.stream().anyMatch(FieldRule::conditional);
        this.unconditional = conditional || rules.isEmpty() && allow.isEmpty() ? null : new MaskPlan(rules, allow, tokenizer);
    }

    /** The plan for a caller (null: nothing to mask or count); {@code variables} is asked only if a rule has a condition. */
    MaskPlan forCaller(Supplier<Map<String, Object>> variables) {
        if (!conditional) return unconditional;
        Map<String, Object> vars = variables.get();
        long applicable = 0;
        for (int i = 0; i < rules.length && i < 64; i++) {
            if (applies(rules[i], vars)) applicable |= 1L << i;
        }
        if (rules.length > 64) return build(vars); // not worth caching: policies this large are unheard of
        return byApplicable.computeIfAbsent(applicable, bits -> build(i -> (bits & (1L << i)) != 0));
    }

    private static boolean applies(FieldRule rule, Map<String, Object> vars) {
        return (rule.when() == null || rule.when().test(vars)) && (rule.unless() == null || !rule.unless().test(vars));
    }

    private MaskPlan build(Map<String, Object> vars) {
        return build(i -> applies(rules[i], vars));
    }

    private MaskPlan build(java.util.function.IntPredicate applies) {
        List<FieldRule> plan = new ArrayList<>();
        List<FieldRule> counted = new ArrayList<>();
        for (int i = 0; i < rules.length; i++) {
            if (applies.test(i)) plan.add(rules[i]);
            else if (budgeted) counted.add(rules[i].withAction(FieldAction.KEEP));
        }
        plan.addAll(counted);
        return plan.isEmpty() && allow.isEmpty() ? null : new MaskPlan(plan, allow, tokenizer);
    }
}
