package dev.warden.policy;

import dev.warden.policy.engine.CelCondition;
import dev.warden.policy.engine.PathPattern;
import dev.warden.policy.mask.JsonSelector;
import dev.warden.policy.model.Authenticate;
import dev.warden.policy.model.Consumer;
import dev.warden.policy.model.FieldAction;
import dev.warden.policy.model.FieldRule;
import dev.warden.policy.model.Mode;
import dev.warden.policy.model.Policy;
import dev.warden.policy.model.RateLimitSpec;
import dev.warden.policy.model.Route;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads policy v1 from YAML text, strictly: see the JSON Schema in resources for the same rules in another form. */
final class PolicyParser {

    private static final Set<String> TOP = Set.of("version", "mode", "consumers", "authentication", "defaults", "routes");
    private static final Set<String> CONSUMER = Set.of("id", "apiKeys", "attributes");
    private static final Set<String> API_KEY_ENTRY = Set.of("sha256");
    private static final Set<String> AUTHENTICATION = Set.of("apiKey");
    private static final Set<String> API_KEY_CONFIG = Set.of("header");
    private static final Set<String> DEFAULTS = Set.of("authenticate", "unmatched");
    private static final Set<String> ROUTE = Set.of("id", "match", "authenticate", "allow", "rateLimits", "response");
    private static final Set<String> MATCH = Set.of("path", "methods");
    private static final Set<String> RATE_LIMIT = Set.of("by", "limit", "per");
    private static final Set<String> RESPONSE = Set.of("fields");
    private static final Set<String> FIELD_RULE = Set.of("select", "action", "keepFirst", "keepLast", "with");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    private final String file;
    private final YamlReader in;
    private final Set<String> declaredMethods = new HashSet<>();
    private String[] sourceLines = new String[0];

    PolicyParser(String file, Function<String, String> env) {
        this.file = file;
        this.in = new YamlReader(file, env);
    }

    LoadResult parse(String text) {
        sourceLines = text.split("\n", -1);
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(50);
            options.setCodePointLimit(4 * 1024 * 1024);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            int col = mark == null ? 1 : mark.getColumn() + 1;
            return new LoadResult(null, List.of(new PolicyError(file, line, col,
                    "YAML syntax: " + e.getProblem() + (e.getContext() != null ? " " + e.getContext() : ""))));
        } catch (YAMLException e) {
            return new LoadResult(null, List.of(new PolicyError(file, 1, 1, "YAML syntax: " + e.getMessage())));
        }
        if (root == null) {
            return new LoadResult(null, List.of(new PolicyError(file, 1, 1,
                    "the policy is empty; start with 'version: 1' and a 'routes:' list")));
        }
        Policy policy = policy(root);
        return in.errors().isEmpty() ? new LoadResult(policy, List.of()) : new LoadResult(null, in.errors());
    }

    private Policy policy(Node root) {
        Map<String, Node> f = in.fields(root, "the policy", TOP);
        if (f.isEmpty() && !in.errors().isEmpty()) return null;
        in.require(f, root, "version", "the policy");
        in.require(f, root, "routes", "the policy");
        if (f.containsKey("version")) {
            Long v = in.integer(f.get("version"), "version", 1, Long.MAX_VALUE);
            if (v != null && v != 1) in.error(f.get("version"), "version " + v + " is not supported; this Warden reads version 1");
        }
        Mode mode = Mode.ENFORCE;
        if (f.containsKey("mode")) {
            String m = in.string(f.get("mode"), "mode");
            if ("monitor".equals(m)) mode = Mode.MONITOR;
            else if (m != null && !"enforce".equals(m)) in.error(f.get("mode"), "mode must be 'enforce' or 'monitor', not '" + m + "'");
        }
        String apiKeyHeader = f.containsKey("authentication") ? authentication(f.get("authentication")) : null;
        if (apiKeyHeader != null) declaredMethods.add(Authenticate.API_KEY);
        List<Consumer> consumers = f.containsKey("consumers") ? consumers(f.get("consumers")) : List.of();

        Authenticate defaultAuth = new Authenticate(declaredMethods.contains(Authenticate.API_KEY) ? List.of(Authenticate.API_KEY) : List.of());
        boolean allowUnmatched = false;
        if (f.containsKey("defaults")) {
            Map<String, Node> d = in.fields(f.get("defaults"), "defaults", DEFAULTS);
            if (d.containsKey("authenticate")) defaultAuth = authenticate(d.get("authenticate"), "defaults.authenticate");
            if (d.containsKey("unmatched")) {
                String u = in.string(d.get("unmatched"), "defaults.unmatched");
                if ("allow".equals(u)) allowUnmatched = true;
                else if (u != null && !"deny".equals(u)) in.error(d.get("unmatched"), "defaults.unmatched must be 'deny' or 'allow', not '" + u + "'");
            }
        }
        List<Route> routes = f.containsKey("routes") ? routes(f.get("routes"), defaultAuth) : List.of();
        return new Policy(file, mode, consumers, apiKeyHeader, defaultAuth, allowUnmatched, routes);
    }

    private String authentication(Node node) {
        Map<String, Node> a = in.fields(node, "authentication", AUTHENTICATION);
        if (!a.containsKey("apiKey")) return null;
        Map<String, Node> k = in.fields(a.get("apiKey"), "authentication.apiKey", API_KEY_CONFIG);
        if (!k.containsKey("header")) return "X-API-Key";
        String header = in.string(k.get("header"), "authentication.apiKey.header");
        if (header != null && !header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            in.error(k.get("header"), "'" + header + "' is not a valid HTTP header name");
        }
        return header;
    }

    private List<Consumer> consumers(Node node) {
        List<Node> items = in.sequence(node, "consumers");
        if (items == null) return List.of();
        List<Consumer> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, String> keyOwners = new LinkedHashMap<>();
        for (Node item : items) {
            Map<String, Node> c = in.fields(item, "a consumer", CONSUMER);
            in.require(c, item, "id", "a consumer");
            String id = c.containsKey("id") ? in.string(c.get("id"), "consumer id") : null;
            if (id != null && id.isBlank()) in.error(c.get("id"), "consumer id must not be empty");
            if (id != null && !ids.add(id)) in.error(c.get("id"), "duplicate consumer id '" + id + "'; ids must be unique");
            List<byte[]> hashes = new ArrayList<>();
            if (c.containsKey("apiKeys")) {
                List<Node> keys = in.sequence(c.get("apiKeys"), "apiKeys of consumer '" + id + "'");
                for (Node k : keys == null ? List.<Node>of() : keys) {
                    Map<String, Node> kf = in.fields(k, "an apiKeys entry", API_KEY_ENTRY);
                    in.require(kf, k, "sha256", "an apiKeys entry");
                    if (!kf.containsKey("sha256")) continue;
                    String hex = in.string(kf.get("sha256"), "sha256");
                    if (hex == null) continue;
                    if (!hex.matches("[0-9a-fA-F]{64}")) {
                        in.error(kf.get("sha256"), "sha256 must be 64 hex characters (the SHA-256 of the key, e.g. "
                                + "from `java -jar warden-agent.jar hash-key` or `printf %s KEY | sha256sum`); never put a plaintext key here");
                        continue;
                    }
                    String owner = keyOwners.putIfAbsent(hex.toLowerCase(Locale.ROOT), String.valueOf(id));
                    if (owner != null) in.error(kf.get("sha256"), "this key hash is already given to consumer '" + owner + "'; a key identifies one consumer");
                    hashes.add(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
                }
            }
            Map<String, Object> attributes = new LinkedHashMap<>();
            if (c.containsKey("attributes")) {
                for (Map.Entry<String, Node> e : in.fields(c.get("attributes"), "attributes of consumer '" + id + "'", null).entrySet()) {
                    attributes.put(e.getKey(), in.plain(e.getValue()));
                }
            }
            if (id != null) out.add(new Consumer(id, hashes, attributes));
        }
        return out;
    }

    private Authenticate authenticate(Node node, String where) {
        if (node instanceof ScalarNode) {
            String value = in.string(node, where);
            if ("none".equals(value)) return Authenticate.NONE;
            if (value != null) in.error(node, where + " must be 'none' or a list of methods such as [apiKey], not '" + value + "'");
            return Authenticate.NONE;
        }
        List<Node> items = in.sequence(node, where);
        if (items == null) return Authenticate.NONE;
        List<String> methods = new ArrayList<>();
        for (Node item : items) {
            String m = in.string(item, where + " entry");
            if (m == null) continue;
            if (!m.equals(Authenticate.API_KEY)) {
                in.error(item, "unknown authentication method '" + m + "'; supported: apiKey");
            } else if (!declaredMethods.contains(m)) {
                in.error(item, "'" + m + "' is used but not configured; add 'authentication: { apiKey: { header: X-API-Key } }'");
            } else {
                methods.add(m);
            }
        }
        if (items.isEmpty()) in.error(node, where + " lists no method; write 'none' to allow anonymous callers");
        return new Authenticate(methods);
    }

    private List<Route> routes(Node node, Authenticate defaultAuth) {
        List<Node> items = in.sequence(node, "routes");
        if (items == null) return List.of();
        List<Route> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node item : items) {
            Route r = route(item, defaultAuth, ids);
            if (r != null) out.add(r);
        }
        return out;
    }

    private Route route(Node item, Authenticate defaultAuth, Set<String> ids) {
        Map<String, Node> r = in.fields(item, "a route", ROUTE);
        in.require(r, item, "id", "a route");
        in.require(r, item, "match", "a route");
        String id = r.containsKey("id") ? in.string(r.get("id"), "route id") : null;
        if (id != null && !ids.add(id)) in.error(r.get("id"), "duplicate route id '" + id + "'; ids must be unique");
        if (id != null && !id.matches("[A-Za-z0-9._:-]{1,64}")) {
            in.error(r.get("id"), "route id '" + id + "' may only use letters, digits and . _ : - (it appears in RateLimit headers)");
        }
        String where = "route '" + id + "'";
        PathPattern path = null;
        Set<String> methods = new LinkedHashSet<>();
        if (r.containsKey("match")) {
            Node matchNode = r.get("match");
            Map<String, Node> m = in.fields(matchNode, "match of " + where, MATCH);
            in.require(m, matchNode, "path", "match of " + where);
            if (m.containsKey("path")) {
                String p = in.string(m.get("path"), "match.path");
                if (p != null) {
                    String[] problem = new String[1];
                    path = PathPattern.parse(p, problem);
                    if (path == null) in.error(m.get("path"), "path '" + p + "' " + problem[0]);
                }
            }
            if (m.containsKey("methods")) {
                List<Node> ms = in.sequence(m.get("methods"), "match.methods");
                if (ms != null && ms.isEmpty()) in.error(m.get("methods"), "match.methods is empty; list methods or leave the key out to match any method");
                for (Node mn : ms == null ? List.<Node>of() : ms) {
                    String method = in.string(mn, "a method");
                    if (method == null) continue;
                    if (!METHODS.contains(method)) in.error(mn, "unknown HTTP method '" + method + "'; use upper case, e.g. GET, POST");
                    else methods.add(method);
                }
            }
        }
        Authenticate auth = r.containsKey("authenticate") ? authenticate(r.get("authenticate"), where + " authenticate") : defaultAuth;
        CelCondition allow = r.containsKey("allow") ? cel(r.get("allow"), where) : null;
        List<RateLimitSpec> limits = r.containsKey("rateLimits") ? rateLimits(r.get("rateLimits"), where) : List.of();
        List<FieldRule> fields = r.containsKey("response") ? response(r.get("response"), where) : List.of();
        if (id == null || path == null) return null;
        return new Route(id, path, methods, auth, allow, limits, fields);
    }

    private CelCondition cel(Node node, String where) {
        String expr = in.string(node, "allow of " + where);
        if (expr == null) return null;
        List<CelCondition.Issue> issues = new ArrayList<>();
        CelCondition condition = CelCondition.compile(expr, issues);
        if (condition == null) {
            for (CelCondition.Issue issue : issues) {
                int[] at = celPosition((ScalarNode) node, issue);
                in.errors().add(new PolicyError(file, at[0], at[1], "invalid CEL in allow of " + where + ": "
                        + issue.message() + " (variables: consumer.id, consumer.attributes, request.method, "
                        + "request.path, request.headers, request.query, request.params)"));
            }
        }
        return condition;
    }

    /**
     * Where a CEL issue (line and column inside the expression) is in the file. Quoted and plain scalars start at
     * their mark (plus the quote); block scalars ({@code |}, {@code >}) start on the next line, at its indentation.
     * Folded blocks join lines, so their position is that of the first line of the expression.
     */
    private int[] celPosition(ScalarNode node, CelCondition.Issue issue) {
        int startLine = node.getStartMark().getLine(); // 0-based
        DumperOptions.ScalarStyle style = node.getScalarStyle();
        if (style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED) {
            int line = startLine + (style == DumperOptions.ScalarStyle.LITERAL ? issue.line() : 1);
            // A block's indentation is set by its first line; deeper lines keep the extra spaces in the value.
            int first = startLine + 1;
            int indent = 0;
            if (first < sourceLines.length) {
                while (indent < sourceLines[first].length() && sourceLines[first].charAt(indent) == ' ') indent++;
            }
            return new int[] {line + 1, indent + (style == DumperOptions.ScalarStyle.LITERAL ? issue.column() : 1)};
        }
        int quote = style == DumperOptions.ScalarStyle.SINGLE_QUOTED || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED ? 1 : 0;
        int line = startLine + issue.line();
        int col = issue.line() <= 1 ? node.getStartMark().getColumn() + quote + issue.column() : issue.column();
        return new int[] {line, col};
    }

    private List<RateLimitSpec> rateLimits(Node node, String where) {
        List<Node> items = in.sequence(node, "rateLimits of " + where);
        if (items == null) return List.of();
        List<RateLimitSpec> out = new ArrayList<>();
        for (Node item : items) {
            Map<String, Node> l = in.fields(item, "a rate limit of " + where, RATE_LIMIT);
            in.require(l, item, "limit", "a rate limit");
            in.require(l, item, "per", "a rate limit");
            String by = "consumer";
            String header = null;
            if (l.containsKey("by")) {
                by = in.string(l.get("by"), "by");
                if (by != null && by.startsWith("header:")) {
                    header = by.substring("header:".length());
                    by = "header";
                    if (!header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                        in.error(l.get("by"), "'" + header + "' is not a valid header name; write by: header:NAME with no spaces");
                        by = null;
                    }
                } else if (by != null && !Set.of("consumer", "ip", "route").contains(by)) {
                    in.error(l.get("by"), "by must be consumer, ip, route or header:NAME, not '" + by + "'");
                    by = null;
                }
            }
            Long limit = l.containsKey("limit") ? in.integer(l.get("limit"), "limit", 1, 1_000_000_000L) : null;
            Duration per = null;
            if (l.containsKey("per")) {
                String p = in.string(l.get("per"), "per");
                if (p != null) {
                    per = Durations.parse(p);
                    if (per == null) in.error(l.get("per"), "'" + p + "' is not a duration; " + Durations.FORMAT_HINT);
                    else if (per.isZero()) {
                        in.error(l.get("per"), "per must be longer than zero");
                        per = null;
                    }
                }
            }
            if (by != null && limit != null && per != null) out.add(new RateLimitSpec(by, header, limit, per));
        }
        return out;
    }

    private List<FieldRule> response(Node node, String where) {
        Map<String, Node> resp = in.fields(node, "response of " + where, RESPONSE);
        if (!resp.containsKey("fields")) return List.of();
        List<Node> items = in.sequence(resp.get("fields"), "response.fields of " + where);
        if (items == null) return List.of();
        List<FieldRule> out = new ArrayList<>();
        for (Node item : items) {
            Map<String, Node> f = in.fields(item, "a field rule of " + where, FIELD_RULE);
            in.require(f, item, "select", "a field rule");
            in.require(f, item, "action", "a field rule");
            List<JsonSelector> selectors = new ArrayList<>();
            if (f.containsKey("select")) {
                List<Node> sel = in.sequence(f.get("select"), "select");
                if (sel != null && sel.isEmpty()) in.error(f.get("select"), "select lists no selector");
                for (Node s : sel == null ? List.<Node>of() : sel) {
                    String text = in.string(s, "a selector");
                    if (text == null) continue;
                    String[] problem = new String[1];
                    JsonSelector js = JsonSelector.parse(text, problem);
                    if (js == null) in.error(s, problem[0]);
                    else selectors.add(js);
                }
            }
            FieldAction action = null;
            if (f.containsKey("action")) {
                String a = in.string(f.get("action"), "action");
                if (a != null) {
                    switch (a) {
                        case "remove" -> action = FieldAction.REMOVE;
                        case "redact" -> action = FieldAction.REDACT;
                        case "mask" -> action = FieldAction.MASK;
                        default -> in.error(f.get("action"), "action must be remove, redact or mask, not '" + a + "'");
                    }
                }
            }
            int keepFirst = keep(f, "keepFirst", action);
            int keepLast = keep(f, "keepLast", action);
            String with = FieldRule.DEFAULT_REDACTION;
            if (f.containsKey("with")) {
                if (action != FieldAction.REDACT) in.error(f.get("with"), "'with' only applies to action: redact");
                String w = in.string(f.get("with"), "with");
                if (w != null) with = w;
            }
            if (action != null && !selectors.isEmpty()) out.add(new FieldRule(selectors, action, keepFirst, keepLast, with));
        }
        return out;
    }

    private int keep(Map<String, Node> f, String key, FieldAction action) {
        if (!f.containsKey(key)) return 0;
        if (action != null && action != FieldAction.MASK) in.error(f.get(key), "'" + key + "' only applies to action: mask");
        Long v = in.integer(f.get(key), key, 0, 1000);
        return v == null ? 0 : v.intValue();
    }
}
