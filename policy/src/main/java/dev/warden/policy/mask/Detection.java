package dev.warden.policy.mask;

import dev.warden.policy.model.FieldAction;
import dev.warden.policy.model.FieldRule;
import java.util.ArrayList;
import java.util.List;

/** Applies a detecting rule to one string: only what its detectors find is replaced, the rest of the text stays. */
final class Detection {

    private Detection() {
    }

    /** The rewritten string, the same string when the rule keeps what it found, or null when nothing was found. */
    static String rewrite(String text, FieldRule rule, Tokenizer tokenizer, ClearValueBudget budget) {
        List<int[]> spans = null;
        for (Detector d : rule.detectors()) {
            List<int[]> found = d.find(text);
            if (found.isEmpty()) continue;
            if (spans == null) spans = new ArrayList<>(found);
            else spans.addAll(found);
        }
        if (spans == null) return null;
        if (spans.size() > 1) spans = disjoint(spans);
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (int[] span : spans) {
            out.append(text, at, span[0]);
            String part = text.substring(span[0], span[1]);
            if (rule.action() == FieldAction.KEEP && (budget == null || budget.take())) out.append(part);
            else if (rule.action() == FieldAction.KEEP) out.append(rule.replacement());
            else out.append(ValueMasker.transform(part, rule, tokenizer));
            at = span[1];
        }
        out.append(text, at, text.length());
        return out.toString();
    }

    /** Spans sorted by start, overlaps merged (two detectors may find the same text). */
    private static List<int[]> disjoint(List<int[]> spans) {
        spans.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
        List<int[]> out = new ArrayList<>();
        for (int[] s : spans) {
            int[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && s[0] < last[1]) last[1] = Math.max(last[1], s[1]);
            else out.add(new int[] {s[0], s[1]});
        }
        return out;
    }
}
