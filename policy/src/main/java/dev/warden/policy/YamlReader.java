package dev.warden.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Strict, typed access to a composed YAML node tree. Every mistake becomes a {@link PolicyError} at the node's
 * position and reading goes on, so that one run reports all problems; methods return null where the value is
 * unusable.
 */
final class YamlReader {

    private static final Pattern ENV_REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private final String file;
    private final Function<String, String> env;
    private final List<PolicyError> errors = new ArrayList<>();

    YamlReader(String file, Function<String, String> env) {
        this.file = file;
        this.env = env;
    }

    List<PolicyError> errors() {
        return errors;
    }

    void error(Node at, String message) {
        errors.add(new PolicyError(file, at.getStartMark().getLine() + 1, at.getStartMark().getColumn() + 1, message));
    }

    /**
     * The keys of a mapping, checked against {@code allowed}: unknown keys (with the nearest allowed one as a hint),
     * duplicate keys and non-string keys are errors. Returns key to value node, in file order.
     */
    Map<String, Node> fields(Node node, String where, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            error(node, where + " must be a mapping (key: value), not " + describe(node));
            return Map.of();
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                error(keyNode, where + " has a key that is not a plain name");
                continue;
            }
            String key = scalarKey.getValue();
            if (allowed != null && !allowed.contains(key)) {
                error(keyNode, "unknown key '" + key + "' in " + where + hint(key, allowed));
                continue;
            }
            if (out.containsKey(key)) {
                error(keyNode, "duplicate key '" + key + "' in " + where + "; keep only one");
                continue;
            }
            out.put(key, tuple.getValueNode());
        }
        return out;
    }

    void require(Map<String, Node> fields, Node parent, String key, String where) {
        if (!fields.containsKey(key)) {
            error(parent, where + " is missing the required key '" + key + "'");
        }
    }

    /** A string scalar with {@code ${env:NAME}} references resolved; numbers and booleans are not strings. */
    String string(Node node, String what) {
        if (!(node instanceof ScalarNode scalar) || !Tag.STR.equals(node.getTag())) {
            error(node, what + " must be a string, not " + describe(node) + quoteHint(node));
            return null;
        }
        return resolveEnv(scalar);
    }

    /** A whole number in [min, max]. */
    Long integer(Node node, String what, long min, long max) {
        if (!(node instanceof ScalarNode scalar) || !Tag.INT.equals(node.getTag())) {
            error(node, what + " must be a whole number, not " + describe(node));
            return null;
        }
        long value;
        try {
            value = Long.parseLong(scalar.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            error(node, what + " is not a whole number in range: " + scalar.getValue());
            return null;
        }
        if (value < min || value > max) {
            error(node, what + " must be between " + min + " and " + max + ", not " + value);
            return null;
        }
        return value;
    }

    Boolean bool(Node node, String what) {
        if (!(node instanceof ScalarNode scalar) || !Tag.BOOL.equals(node.getTag())) {
            error(node, what + " must be true or false, not " + describe(node));
            return null;
        }
        return Boolean.parseBoolean(scalar.getValue().toLowerCase());
    }

    /** A duration such as 30s; null (with an error) when malformed or zero. */
    java.time.Duration duration(Node node, String what) {
        String text = string(node, what);
        if (text == null) return null;
        java.time.Duration d = Durations.parse(text);
        if (d == null) {
            error(node, "'" + text + "' is not a duration; " + Durations.FORMAT_HINT);
            return null;
        }
        if (d.isZero()) {
            error(node, what + " must be longer than zero");
            return null;
        }
        return d;
    }

    /** A list of strings (null with an error when not a list). */
    List<String> strings(Node node, String what) {
        List<Node> items = sequence(node, what);
        if (items == null) return null;
        List<String> out = new ArrayList<>();
        for (Node item : items) {
            String v = string(item, what + " entry");
            if (v != null) out.add(v);
        }
        return out;
    }

    List<Node> sequence(Node node, String what) {
        if (!(node instanceof SequenceNode sequence)) {
            error(node, what + " must be a list ([a, b] or '- item' lines), not " + describe(node));
            return null;
        }
        return sequence.getValue();
    }

    /** A plain Java value (Map, List, String, Long, Double, Boolean or null) for free-form data such as attributes. */
    Object plain(Node node) {
        if (node instanceof ScalarNode scalar) {
            Tag tag = scalar.getTag();
            String v = scalar.getValue();
            try {
                if (Tag.INT.equals(tag)) return Long.parseLong(v.replace("_", ""));
                if (Tag.FLOAT.equals(tag)) return Double.parseDouble(v.replace("_", ""));
            } catch (NumberFormatException e) {
                error(node, "number out of range: " + v);
                return null;
            }
            if (Tag.BOOL.equals(tag)) return Boolean.parseBoolean(v.toLowerCase());
            if (Tag.NULL.equals(tag)) return null;
            return resolveEnv(scalar);
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>();
            for (Node item : sequence.getValue()) list.add(plain(item));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : fields(node, "attributes", null).entrySet()) {
            map.put(e.getKey(), plain(e.getValue()));
        }
        return map;
    }

    private String resolveEnv(ScalarNode scalar) {
        String value = scalar.getValue();
        if (!value.contains("${")) return value;
        Matcher m = ENV_REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String resolved = env.apply(m.group(1));
            if (resolved == null) {
                error(scalar, "environment variable " + m.group(1) + " is not set (referenced as ${env:" + m.group(1)
                        + "}); set it before starting the JVM or remove the reference");
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof SequenceNode) return "a list";
        Tag tag = node.getTag();
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) return "the number " + ((ScalarNode) node).getValue();
        if (Tag.BOOL.equals(tag)) return "the boolean " + ((ScalarNode) node).getValue();
        if (Tag.NULL.equals(tag)) return "an empty value";
        if (node instanceof ScalarNode s) return "'" + s.getValue() + "'";
        return "this value";
    }

    private static String quoteHint(Node node) {
        return node instanceof ScalarNode ? " (quote it to make it a string)" : "";
    }

    private static String hint(String key, Set<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(key.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        String list = "; allowed keys: " + String.join(", ", allowed.stream().sorted().toList());
        return best != null && bestDistance <= Math.max(2, key.length() / 3) ? "; did you mean '" + best + "'?" + list : list;
    }

    /** Levenshtein distance, for "did you mean" hints on short keys. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
