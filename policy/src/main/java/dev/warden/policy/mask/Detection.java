package dev.warden.policy.mask;

import dev.warden.policy.model.FieldAction;
import dev.warden.policy.model.FieldRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the detecting rules to one string: every rule replaces what its detectors find, the rest of the text
 * stays. Rules are taken in policy order and a part found by an earlier rule is not touched by a later one (so a
 * {@code keep} exempts what it finds).
 */
final class Detection {

    /** A found part and the rule that claimed it. */
    private record Part(int start, int end, FieldRule rule) {
    }

    private Detection() {
    }

    /** The rewritten string (the same text when only keep rules found something), or null when nothing was found. */
    static String rewrite(String text, List<FieldRule> rules, Tokenizer tokenizer, ClearValueBudget budget) {
        List<Part> parts = null;
        for (FieldRule rule : rules) {
            for (Detector d : rule.detectors()) {
                for (int[] span : d.find(text)) {
                    if (parts == null) parts = new ArrayList<>(2);
                    if (free(parts, span)) parts.add(new Part(span[0], span[1], rule));
                }
            }
        }
        if (parts == null) return null;
        parts.sort((a, b) -> Integer.compare(a.start, b.start));
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Part p : parts) {
            out.append(text, at, p.start);
            String found = text.substring(p.start, p.end);
            if (p.rule.action() == FieldAction.KEEP) out.append(budget == null || budget.take() ? found : p.rule.replacement());
            else out.append(ValueMasker.transform(found, p.rule, tokenizer));
            at = p.end;
        }
        out.append(text, at, text.length());
        return out.toString();
    }

    /** Whether a span overlaps no part claimed so far (the earlier claim wins). */
    private static boolean free(List<Part> parts, int[] span) {
        for (Part p : parts) if (span[0] < p.end && p.start < span[1]) return false;
        return true;
    }
}
