package dev.warden.policy.mask;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset Warden supports: {@code $}, {@code .name}, {@code ['name']}, {@code ..name} (any depth),
 * {@code [*]}, {@code .*}, {@code [N]}. A selector is matched against the concrete path of each value as a
 * document streams by ({@link JsonPath}), so every engine that tracks the path selects exactly the same values.
 */
public final class JsonSelector {

    private enum Kind { NAME, ANY, INDEX }

    private record Step(boolean descendant, Kind kind, String name, int index) {
        boolean matches(Object segment) {
            return switch (kind) {
                case ANY -> true;
                case NAME -> name.equals(segment);
                case INDEX -> segment instanceof Integer i && i == index;
            };
        }
    }

    private final String text;
    private final Step[] steps;

    private JsonSelector(String text, Step[] steps) {
        this.text = text;
        this.steps = steps;
    }

    /** Parses a selector; returns null with the reason in {@code problem[0]} when it is not in the subset. */
    public static JsonSelector parse(String text, String[] problem) {
        if (!text.startsWith("$")) {
            problem[0] = "a selector starts with '$' (e.g. \"$..ssn\" or \"$.card.number\")";
            return null;
        }
        List<Step> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            boolean descendant = false;
            char c = text.charAt(i);
            if (c == '.') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '.') {
                    descendant = true;
                    i += 2;
                } else {
                    i += 1;
                }
                if (i < text.length() && text.charAt(i) == '[') {
                    if (!descendant) return fail(problem, text, i, "'.[' is not valid; write '[' directly");
                    continue; // "..[*]" / "..['x']": the bracket below carries the descendant flag
                }
                int start = i;
                while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != '[') i++;
                String name = text.substring(start, i);
                if (name.isEmpty()) return fail(problem, text, start, "a name is missing after '.'");
                steps.add(name.equals("*") ? new Step(descendant, Kind.ANY, null, -1) : new Step(descendant, Kind.NAME, name, -1));
            } else if (c == '[') {
                boolean desc = i >= 2 && text.startsWith("..", i - 2);
                int close = text.indexOf(']', i);
                if (close < 0) return fail(problem, text, i, "'[' is not closed");
                String inside = text.substring(i + 1, close).trim();
                if (inside.equals("*")) {
                    steps.add(new Step(desc, Kind.ANY, null, -1));
                } else if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    steps.add(new Step(desc, Kind.NAME, inside.substring(1, inside.length() - 1), -1));
                } else if (inside.matches("[0-9]{1,9}")) {
                    steps.add(new Step(desc, Kind.INDEX, null, Integer.parseInt(inside)));
                } else {
                    return fail(problem, text, i, "'[" + inside + "]' is not supported: use [*], [N] or ['name']");
                }
                i = close + 1;
            } else {
                return fail(problem, text, i, "unexpected '" + c + "'");
            }
        }
        return new JsonSelector(text, steps.toArray(new Step[0]));
    }

    private static JsonSelector fail(String[] problem, String text, int at, String why) {
        problem[0] = "selector \"" + text + "\" at character " + (at + 1) + ": " + why;
        return null;
    }

    /** The property name the last step requires, or null when it is a wildcard, an index, or there is no step ($). */
    String lastName() {
        return steps.length > 0 && steps[steps.length - 1].kind == Kind.NAME ? steps[steps.length - 1].name : null;
    }

    /** Whether the last step can match an array index (a wildcard or [N]). */
    boolean lastMatchesIndexes() {
        return steps.length > 0 && steps[steps.length - 1].kind != Kind.NAME;
    }

    /** Whether the last step matches any property name (a wildcard). */
    boolean lastMatchesAnyName() {
        return steps.length > 0 && steps[steps.length - 1].kind == Kind.ANY;
    }

    /** Whether a step names an array index ({@code [N]}): then where a value sits in its array matters. */
    boolean namesIndex() {
        for (Step s : steps) if (s.kind == Kind.INDEX) return true;
        return false;
    }

    /** Whether this selector is {@code $} alone (the whole document). */
    boolean isRoot() {
        return steps.length == 0;
    }

    /** Whether this selector picks the value at {@code path} (segments are String names or Integer indexes). */
    public boolean matches(JsonPath path) {
        return match(0, path, 0);
    }

    private boolean match(int si, JsonPath path, int pi) {
        if (si == steps.length) return pi == path.depth();
        Step step = steps[si];
        if (step.descendant) {
            for (int k = pi; k < path.depth(); k++) {
                if (step.matches(path.segment(k)) && match(si + 1, path, k + 1)) return true;
            }
            return false;
        }
        return pi < path.depth() && step.matches(path.segment(pi)) && match(si + 1, path, pi + 1);
    }

    /** Whether a value below {@code path} (strictly deeper) could be selected: {@code path} may be its ancestor. */
    public boolean mayMatchBelow(JsonPath path) {
        return below(0, path, 0);
    }

    private boolean below(int si, JsonPath path, int pi) {
        if (si == steps.length) return false;
        if (pi == path.depth()) return true; // steps remain for what lies deeper
        Step step = steps[si];
        if (step.descendant) return true; // "..name" may match at any depth below
        return step.matches(path.segment(pi)) && below(si + 1, path, pi + 1);
    }

    @Override
    public String toString() {
        return text;
    }
}
