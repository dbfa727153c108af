package dev.warden.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format, version 0.0.4
 * (prometheus.io/docs/instrumenting/exposition_formats): it refuses what the format does not allow instead of
 * guessing, so that a page it reads is one Prometheus reads the same way.
 *
 * <ul>
 *   <li>lines end with {@code \n} (the last one too); blank lines and comments other than HELP and TYPE are skipped;
 *   <li>{@code # HELP name text} (text escapes {@code \\} and {@code \n} only) and {@code # TYPE name type} (counter,
 *       gauge, histogram, summary, untyped): at most one of each per metric, TYPE before the metric's first sample;
 *   <li>samples {@code name{label="value",...} value [timestamp]}: names {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label names
 *       {@code [a-zA-Z_][a-zA-Z0-9_]*} (not {@code __}-prefixed, none twice), label values escaping {@code \\},
 *       {@code \"} and {@code \n} only, values as Go's ParseFloat writes them ({@code NaN}, {@code +Inf}, {@code -Inf}
 *       included), timestamps whole milliseconds;
 *   <li>the lines of one metric form a single group; no series (name and labels) appears twice; histogram and
 *       summary samples carry their suffixes; counters are never negative or NaN.
 * </ul>
 */
public final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(NaN|Inf|((\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?))");
    private static final Pattern TIMESTAMP = Pattern.compile("-?\\d+");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final Pattern HELP = Pattern.compile("#[ \t]+HELP[ \t]+(\\S+)(?:[ \t](.*))?");
    private static final Pattern TYPE = Pattern.compile("#[ \t]+TYPE[ \t]+(\\S+)[ \t]+(\\S+)[ \t]*");

    /** One metric: its name, TYPE (untyped when not given), HELP (null when not given) and samples in order. */
    public record Family(String name, String type, String help, List<Sample> samples) {}

    /** One line of data; labels sorted by name. */
    public record Sample(String name, Map<String, String> labels, double value, Long timestamp) {}

    /** A parsed page: its metrics by name, in order of appearance. */
    public record Exposition(Map<String, Family> families) {

        /** The value of a series, or 0 when the page does not have it (a counter not incremented yet). */
        public double value(String sampleName, Map<String, String> labels) {
            for (Family f : families.values()) {
                for (Sample s : f.samples()) {
                    if (s.name().equals(sampleName) && s.labels().equals(new TreeMap<>(labels))) return s.value();
                }
            }
            return 0;
        }

        /** Every series of a sample name: labels to value. */
        public Map<Map<String, String>, Double> series(String sampleName) {
            Map<Map<String, String>, Double> out = new LinkedHashMap<>();
            for (Family f : families.values()) {
                for (Sample s : f.samples()) if (s.name().equals(sampleName)) out.put(s.labels(), s.value());
            }
            return out;
        }
    }

    /** Thrown for anything the format does not allow, with the line it is on. */
    public static final class FormatError extends IllegalArgumentException {
        FormatError(int line, String message, String text) {
            super("line " + line + ": " + message + ": " + text);
        }
    }

    private PrometheusText() {}

    public static Exposition parse(String page) {
        return new Reader().read(page);
    }

    /** The state of one reading: the metric of the current group and those already closed. */
    private static final class Reader {
        /** Metric names in order of appearance. */
        private final Set<String> order = new LinkedHashSet<>();
        private final Map<String, String> types = new LinkedHashMap<>();
        private final Map<String, String> helps = new LinkedHashMap<>();
        private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
        private final Set<String> closed = new HashSet<>();
        private final Set<String> seriesSeen = new HashSet<>();
        private String current;
        private int lineNo;
        private String line;

        Exposition read(String page) {
            if (page.indexOf('\r') >= 0) throw new FormatError(lineCount(page.substring(0, page.indexOf('\r'))), "a carriage return", "");
            if (!page.isEmpty() && !page.endsWith("\n")) throw new FormatError(lineCount(page), "the last line does not end with \\n", "");
            String[] lines = page.isEmpty() ? new String[0] : page.substring(0, page.length() - 1).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                lineNo = i + 1;
                line = lines[i];
                if (line.isEmpty()) continue;
                if (line.startsWith("#")) comment();
                else sample();
            }
            Map<String, Family> out = new LinkedHashMap<>();
            for (String name : order) {
                out.put(name, new Family(name, types.getOrDefault(name, "untyped"), helps.get(name),
                        List.copyOf(samples.getOrDefault(name, List.of()))));
            }
            return new Exposition(Collections.unmodifiableMap(out));
        }

        private void comment() {
            Matcher help = HELP.matcher(line);
            Matcher type = TYPE.matcher(line);
            if (help.matches()) {
                String name = help.group(1);
                requireName(name);
                enter(name);
                if (helps.containsKey(name)) fail("a second HELP for " + name);
                helps.put(name, unescape(help.group(2) == null ? "" : help.group(2)));
            } else if (type.matches()) {
                String name = type.group(1);
                requireName(name);
                enter(name);
                if (types.containsKey(name)) fail("a second TYPE for " + name);
                if (samples.containsKey(name)) fail("TYPE after the first sample of " + name);
                if (!TYPES.contains(type.group(2))) fail("not a type: '" + type.group(2) + "'");
                types.put(name, type.group(2));
            } else if (line.matches("#[ \t]+(HELP|TYPE)([ \t].*)?")) {
                fail("a malformed HELP or TYPE line");
            } // any other comment is skipped
        }

        private void sample() {
            int i = 0;
            int n = line.length();
            while (i < n && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_' || line.charAt(i) == ':')) i++;
            String name = line.substring(0, i);
            requireName(name);
            Map<String, String> labels = new TreeMap<>();
            int brace = i;
            while (brace < n && isBlank(line.charAt(brace))) brace++;
            if (brace < n && line.charAt(brace) == '{') i = labels(brace + 1, labels);
            if (i >= n || !isBlank(line.charAt(i))) fail("no blank before the value");
            String[] rest = line.substring(i).trim().split("[ \t]+");
            if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) fail("a sample needs a value and at most a timestamp");
            if (!FLOAT.matcher(rest[0]).matches()) fail("not a number: '" + rest[0] + "'");
            Long timestamp = null;
            if (rest.length == 2) {
                if (!TIMESTAMP.matcher(rest[1]).matches()) fail("not a timestamp: '" + rest[1] + "'");
                timestamp = Long.parseLong(rest[1]);
            }
            double value = number(rest[0]);
            String family = familyOf(name, labels);
            enter(family);
            if ("counter".equals(types.get(family)) && (Double.isNaN(value) || value < 0)) fail("a counter below zero or NaN");
            if (!seriesSeen.add(name + labels)) fail("the series " + name + labels + " twice");
            samples.computeIfAbsent(family, k -> new ArrayList<>()).add(new Sample(name, Collections.unmodifiableMap(labels), value, timestamp));
        }

        /** Reads labels up to the closing brace; returns the index after it. */
        private int labels(int i, Map<String, String> labels) {
            int n = line.length();
            while (true) {
                while (i < n && isBlank(line.charAt(i))) i++;
                if (i < n && line.charAt(i) == '}') return i + 1;
                int start = i;
                while (i < n && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_')) i++;
                String label = line.substring(start, i);
                if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) fail("not a label name: '" + label + "'");
                while (i < n && isBlank(line.charAt(i))) i++;
                if (i >= n || line.charAt(i) != '=') fail("no '=' after label " + label);
                i++;
                while (i < n && isBlank(line.charAt(i))) i++;
                if (i >= n || line.charAt(i) != '"') fail("the value of label " + label + " is not quoted");
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) fail("the value of label " + label + " is not closed");
                    char c = line.charAt(i++);
                    if (c == '"') break;
                    if (c == '\\') {
                        if (i >= n) fail("a lone backslash in label " + label);
                        char e = line.charAt(i++);
                        if (e == '\\') value.append('\\');
                        else if (e == '"') value.append('"');
                        else if (e == 'n') value.append('\n');
                        else fail("the escape \\" + e + " in label " + label);
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) fail("label " + label + " twice");
                while (i < n && isBlank(line.charAt(i))) i++;
                if (i < n && line.charAt(i) == ',') {
                    i++;
                } else if (i >= n || line.charAt(i) != '}') {
                    fail("labels not separated by ',' or closed by '}'");
                }
            }
        }

        /** The metric a sample belongs to: its own name, or a histogram's or summary's of which it is a part. */
        private String familyOf(String name, Map<String, String> labels) {
            for (String suffix : List.of("_bucket", "_sum", "_count")) {
                if (!name.endsWith(suffix)) continue;
                String base = name.substring(0, name.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || "summary".equals(type) && !suffix.equals("_bucket")) {
                    if (suffix.equals("_bucket") && !labels.containsKey("le")) fail("a histogram bucket without le");
                    return base;
                }
            }
            String type = types.get(name);
            if ("histogram".equals(type)) fail("a histogram sample without _bucket, _sum or _count");
            if ("summary".equals(type) && !labels.containsKey("quantile")) fail("a summary sample without quantile");
            return name;
        }

        /** Lines of one metric must be one group: a metric left behind may not come back. */
        private void enter(String family) {
            if (family.equals(current)) return;
            if (closed.contains(family)) fail("the lines of " + family + " are not one group");
            order.add(family);
            if (current != null) closed.add(current);
            current = family;
        }

        private void requireName(String name) {
            if (!METRIC_NAME.matcher(name).matches()) fail("not a metric name: '" + name + "'");
        }

        /** A HELP text: only \\ and \n are escapes there. */
        private String unescape(String text) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (++i >= text.length()) fail("a lone backslash");
                char e = text.charAt(i);
                if (e == '\\') out.append('\\');
                else if (e == 'n') out.append('\n');
                else fail("the escape \\" + e);
            }
            return out.toString();
        }

        private static double number(String text) {
            String t = text.startsWith("+") ? text.substring(1) : text;
            if (t.equals("Inf")) return Double.POSITIVE_INFINITY;
            if (t.equals("-Inf")) return Double.NEGATIVE_INFINITY;
            if (t.equals("NaN") || t.equals("-NaN")) return Double.NaN;
            return Double.parseDouble(t);
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }

        private void fail(String message) {
            throw new FormatError(lineNo, message, line);
        }

        private static int lineCount(String text) {
            return (int) text.chars().filter(c -> c == '\n').count() + 1;
        }
    }
}
