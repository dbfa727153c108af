package dev.warden.policy;

import dev.warden.policy.engine.CelCondition;
import dev.warden.policy.mask.Detector;
import dev.warden.policy.mask.JsonSelector;
import dev.warden.policy.mask.KeyGlob;
import dev.warden.policy.model.FieldAction;
import dev.warden.policy.model.FieldRule;
import dev.warden.policy.model.TokenKey;
import dev.warden.policy.model.TypeSelector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads what protects response data: a route's {@code response} (field rules, allowFields) and {@code tokenization}. */
final class ResponseParser {

    /** A route's response section. */
    record Response(List<FieldRule> fields, List<JsonSelector> allowFields) {
        static final Response NONE = new Response(List.of(), List.of());
    }

    /** Compiles a CEL condition with positioned errors (the policy parser's). */
    interface CelCompiler {
        CelCondition compile(Node node, String key, String where);
    }

    private static final Set<String> RESPONSE = Set.of("fields", "allowFields");
    private static final Set<String> FIELD_RULE = Set.of("select", "keys", "detect", "action", "keepFirst", "keepLast",
            "with", "luhn", "when", "unless", "javaType", "property", "annotations");
    private static final Set<String> TOKENIZATION = Set.of("keys");
    private static final Set<String> TOKEN_KEY = Set.of("id", "secret");
    private static final Map<String, FieldAction> ACTIONS = Map.of("remove", FieldAction.REMOVE, "redact", FieldAction.REDACT,
            "mask", FieldAction.MASK, "keep", FieldAction.KEEP, "keepDomain", FieldAction.KEEP_DOMAIN,
            "hash", FieldAction.HASH, "tokenize", FieldAction.TOKENIZE, "fpe", FieldAction.FPE);
    private static final Set<FieldAction> KEYED = Set.of(FieldAction.HASH, FieldAction.TOKENIZE, FieldAction.FPE);

    private final YamlReader in;
    private final CelCompiler cel;
    /** Where a keyed action was used, to report if the policy has no tokenization key. */
    private final List<Node> keyedActions = new ArrayList<>();

    ResponseParser(YamlReader in, CelCompiler cel) {
        this.in = in;
        this.cel = cel;
    }

    Response response(Node node, String where) {
        Map<String, Node> resp = in.fields(node, "response of " + where, RESPONSE);
        List<FieldRule> fields = resp.containsKey("fields") ? fields(resp.get("fields"), where) : List.of();
        List<JsonSelector> allow = List.of();
        if (resp.containsKey("allowFields")) {
            allow = selectors(resp.get("allowFields"), "allowFields");
            if (allow.isEmpty() && in.errors().isEmpty()) in.error(resp.get("allowFields"), "allowFields lists no selector; leave it out to keep every field");
        }
        return new Response(fields, allow);
    }

    private List<FieldRule> fields(Node node, String where) {
        List<Node> items = in.sequence(node, "response.fields of " + where);
        if (items == null) return List.of();
        List<FieldRule> out = new ArrayList<>();
        for (Node item : items) {
            FieldRule rule = rule(item, where);
            if (rule != null) out.add(rule);
        }
        return out;
    }

    private FieldRule rule(Node item, String where) {
        Map<String, Node> f = in.fields(item, "a field rule of " + where, FIELD_RULE);
        in.require(f, item, "action", "a field rule");
        if (!f.containsKey("select") && !f.containsKey("keys") && !f.containsKey("detect") && !f.containsKey("javaType")
                && !f.containsKey("annotations") && !f.isEmpty()) {
            in.error(item, "a field rule needs select (JSONPath), keys (property names), detect (pan, email, ...), "
                    + "javaType + property, or annotations");
        }
        TypeSelector types = types(f);
        List<JsonSelector> selectors = f.containsKey("select") ? selectors(f.get("select"), "select") : List.of();
        List<KeyGlob> keys = new ArrayList<>();
        if (f.containsKey("keys")) {
            List<String> globs = in.strings(f.get("keys"), "keys");
            if (globs != null && globs.isEmpty()) in.error(f.get("keys"), "keys lists no name");
            for (String g : globs == null ? List.<String>of() : globs) {
                if (g.isBlank() || g.chars().allMatch(c -> c == '*')) in.error(f.get("keys"), "key pattern '" + g + "' would match every property; use a name or a glob such as \"*password*\"");
                else keys.add(new KeyGlob(g));
            }
        }
        List<Detector> detectors = new ArrayList<>();
        if (f.containsKey("detect")) {
            List<String> names = in.strings(f.get("detect"), "detect");
            if (names != null && names.isEmpty()) in.error(f.get("detect"), "detect lists no detector");
            for (String n : names == null ? List.<String>of() : names) {
                Detector d = Detector.byPolicyName(n);
                if (d == null) in.error(f.get("detect"), "unknown detector '" + n + "'; use pan, ssn, email, iban, phone, jwt or secret");
                else if (!detectors.contains(d)) detectors.add(d);
            }
        }
        FieldAction action = null;
        if (f.containsKey("action")) {
            String a = in.string(f.get("action"), "action");
            if (a != null) {
                action = ACTIONS.get(a);
                if (action == null) in.error(f.get("action"), "action must be remove, redact, mask, keepDomain, keep, hash, tokenize or fpe, not '" + a + "'");
                else if (KEYED.contains(action)) keyedActions.add(f.get("action"));
            }
        }
        int keepFirst = keep(f, "keepFirst", action, Set.of(FieldAction.MASK, FieldAction.KEEP_DOMAIN));
        int keepLast = keep(f, "keepLast", action, Set.of(FieldAction.MASK));
        String with = FieldRule.DEFAULT_REDACTION;
        if (f.containsKey("with")) {
            if (action != FieldAction.REDACT) in.error(f.get("with"), "'with' only applies to action: redact");
            String w = in.string(f.get("with"), "with");
            if (w != null) with = w;
        }
        boolean luhn = false;
        if (f.containsKey("luhn")) {
            if (action != FieldAction.FPE) in.error(f.get("luhn"), "'luhn' only applies to action: fpe");
            Boolean b = in.bool(f.get("luhn"), "luhn");
            luhn = b != null && b;
        }
        CelCondition when = f.containsKey("when") ? cel.compile(f.get("when"), "when", "a field rule of " + where) : null;
        CelCondition unless = f.containsKey("unless") ? cel.compile(f.get("unless"), "unless", "a field rule of " + where) : null;
        if (action == null || selectors.isEmpty() && keys.isEmpty() && detectors.isEmpty() && types == null) return null;
        return new FieldRule(selectors, keys, detectors, action, keepFirst, keepLast, with, luhn, when, unless, types);
    }

    /** javaType + property, or annotations: selection the serializer hooks apply (they see types). */
    private TypeSelector types(Map<String, Node> f) {
        boolean type = f.containsKey("javaType");
        boolean property = f.containsKey("property");
        if (type != property) {
            in.error(f.get(type ? "javaType" : "property"), "javaType and property go together: javaType names the class, property its JSON property");
            return null;
        }
        String javaType = type ? in.string(f.get("javaType"), "javaType") : null;
        String prop = property ? in.string(f.get("property"), "property") : null;
        if (javaType != null && !javaType.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*")) {
            in.error(f.get("javaType"), "javaType must be a class name, simple (Customer) or qualified (com.example.Customer)");
            return null;
        }
        List<String> annotations = List.of();
        if (f.containsKey("annotations")) {
            List<String> names = in.strings(f.get("annotations"), "annotations");
            if (names != null && names.isEmpty()) in.error(f.get("annotations"), "annotations lists no annotation name");
            if (names != null) annotations = names;
            if (type) in.error(f.get("annotations"), "a rule selects by javaType + property or by annotations, not both");
        }
        if (javaType != null && prop != null) return new TypeSelector(javaType, prop, List.of());
        return annotations.isEmpty() ? null : new TypeSelector(null, null, annotations);
    }

    private List<JsonSelector> selectors(Node node, String what) {
        List<Node> sel = in.sequence(node, what);
        if (sel != null && sel.isEmpty()) in.error(node, what + " lists no selector");
        List<JsonSelector> out = new ArrayList<>();
        for (Node s : sel == null ? List.<Node>of() : sel) {
            String text = in.string(s, "a selector");
            if (text == null) continue;
            String[] problem = new String[1];
            JsonSelector js = JsonSelector.parse(text, problem);
            if (js == null) in.error(s, problem[0]);
            else out.add(js);
        }
        return out;
    }

    private int keep(Map<String, Node> f, String key, FieldAction action, Set<FieldAction> allowed) {
        if (!f.containsKey(key)) return 0;
        if (action != null && !allowed.contains(action)) {
            in.error(f.get(key), "'" + key + "' only applies to action: " + String.join(" or ",
                    allowed.stream().map(a -> a == FieldAction.MASK ? "mask" : "keepDomain").sorted().toList()));
        }
        Long v = in.integer(f.get(key), key, 0, 1000);
        return v == null ? 0 : v.intValue();
    }

    /** {@code tokenization: { keys: [{ id, secret }] }}: secrets from the environment or a file, at least 32 bytes. */
    List<TokenKey> tokenization(Node node) {
        Map<String, Node> t = in.fields(node, "tokenization", TOKENIZATION);
        in.require(t, node, "keys", "tokenization");
        if (!t.containsKey("keys")) return List.of();
        List<Node> items = in.sequence(t.get("keys"), "tokenization.keys");
        if (items != null && items.isEmpty()) in.error(t.get("keys"), "tokenization.keys lists no key");
        List<TokenKey> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node item : items == null ? List.<Node>of() : items) {
            Map<String, Node> k = in.fields(item, "a tokenization key", TOKEN_KEY);
            in.require(k, item, "id", "a tokenization key");
            in.require(k, item, "secret", "a tokenization key");
            String id = k.containsKey("id") ? in.string(k.get("id"), "tokenization key id") : null;
            if (id != null && !id.matches("[A-Za-z0-9._-]{1,64}")) {
                in.error(k.get("id"), "tokenization key id '" + id + "' may only use letters, digits and . _ -");
                id = null;
            }
            if (id != null && !ids.add(id)) in.error(k.get("id"), "duplicate tokenization key id '" + id + "'");
            byte[] secret = k.containsKey("secret") ? secret(k.get("secret")) : null;
            if (id != null && secret != null) out.add(new TokenKey(id, secret));
        }
        return out;
    }

    private byte[] secret(Node node) {
        String raw = node instanceof ScalarNode s ? s.getValue() : "";
        String value = in.string(node, "tokenization key secret");
        if (value == null) return null;
        byte[] secret;
        if (raw.startsWith("file:")) {
            try {
                secret = Files.readString(Path.of(raw.substring(5))).strip().getBytes(StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                in.error(node, "cannot read the tokenization key file " + raw.substring(5) + " (" + e.getClass().getSimpleName() + ")");
                return null;
            }
        } else if (!raw.contains("${")) {
            in.error(node, "a tokenization key must come from the environment or a file, e.g. secret: ${env:WARDEN_TOKEN_KEY} or secret: file:/run/secrets/token-key; never write it into a policy");
            return null;
        } else {
            secret = value.getBytes(StandardCharsets.UTF_8);
        }
        if (secret.length < 32) {
            in.error(node, "the tokenization key is shorter than 32 bytes; use at least 256 bits, e.g. openssl rand -base64 32");
            return null;
        }
        return secret;
    }

    /** After the routes: a keyed action (hash, tokenize, fpe) needs a key (reported once keys are not declared at all). */
    void requireKeys(boolean declared) {
        if (declared) return;
        for (Node n : keyedActions) {
            in.error(n, "this action needs a tokenization key; add tokenization: { keys: [{ id: \"2026-11\", secret: \"${env:WARDEN_TOKEN_KEY}\" }] }");
        }
    }
}
