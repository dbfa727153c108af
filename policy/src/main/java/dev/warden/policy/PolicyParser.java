package dev.warden.policy;

import dev.warden.policy.engine.CelCondition;
import dev.warden.policy.engine.PathPattern;
import dev.warden.policy.mask.JsonSelector;
import dev.warden.policy.auth.IntrospectionConfig;
import dev.warden.policy.auth.JwtConfig;
import dev.warden.policy.auth.MtlsIdentity;
import dev.warden.policy.model.AdminConfig;
import dev.warden.policy.model.AnomalyConfig;
import dev.warden.policy.model.AuditConfig;
import dev.warden.policy.model.InventoryConfig;
import dev.warden.policy.model.Authenticate;
import dev.warden.policy.model.AuthenticationConfig;
import dev.warden.policy.model.Consumer;
import dev.warden.policy.model.FieldAction;
import dev.warden.policy.model.FieldRule;
import dev.warden.policy.model.Mode;
import dev.warden.policy.model.Policy;
import dev.warden.policy.model.ConcurrencySpec;
import dev.warden.policy.model.DataBudgetSpec;
import dev.warden.policy.model.LimitsFor;
import dev.warden.policy.model.RateLimitSpec;
import dev.warden.policy.model.Throttling;
import dev.warden.policy.model.TokenKey;
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

    private static final Set<String> TOP = Set.of("version", "mode", "consumers", "authentication", "defaults", "routes",
            "rateLimits", "clientIp", "rateLimitStore", "legacyHeaders", "dataBudget", "tokenization", "audit", "anomalies",
            "admin", "inventory");
    private static final Set<String> CONSUMER = Set.of("id", "apiKeys", "attributes");
    private static final Set<String> API_KEY_ENTRY = Set.of("sha256");
    private static final Set<String> AUTHENTICATION = Set.of("apiKey", "jwt", "introspection", "mtls",
            "hideCredentials", "forwardIdentity");
    private static final Set<String> JWT = Set.of("issuer", "audiences", "jwks", "secret", "algorithms", "clockSkew",
            "maxLifetime", "consumerClaim", "attributes", "jwksCacheTtl", "jwksTimeout", "jwksRefetchMinInterval");
    private static final Set<String> INTROSPECTION = Set.of("endpoint", "clientId", "clientSecret", "cacheTtl",
            "inactiveCacheTtl", "timeout", "consumerClaim", "attributes");
    private static final Set<String> MTLS = Set.of("identities");
    private static final Set<String> MTLS_IDENTITY = Set.of("consumer", "subject", "san", "sha256");
    private static final Set<String> FORWARD_IDENTITY = Set.of("header", "attributes");
    private static final Set<String> AUTHENTICATE_ALL = Set.of("all");
    private static final Set<String> JWS_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA", "HS256", "HS384", "HS512");
    private static final Set<String> API_KEY_CONFIG = Set.of("header");
    private static final Set<String> DEFAULTS = Set.of("authenticate", "unmatched");
    private static final Set<String> ROUTE = Set.of("id", "match", "authenticate", "allow", "requireScopes",
            "requireRoles", "rateLimits", "limitsFor", "maxConcurrent", "dataBudget", "response", "mode");
    private static final Set<String> MATCH = Set.of("path", "methods");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    private final String file;
    private final YamlReader in;
    private final ThrottlingParser throttling;
    private final ResponseParser responses;
    private final Set<String> declaredMethods = new HashSet<>();
    private String[] sourceLines = new String[0];

    PolicyParser(String file, Function<String, String> env) {
        this.file = file;
        this.in = new YamlReader(file, env);
        this.throttling = new ThrottlingParser(in);
        this.responses = new ResponseParser(in, this::cel);
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
        Mode mode = f.containsKey("mode") ? mode(f.get("mode"), "mode") : Mode.ENFORCE;
        AuthenticationConfig authentication = f.containsKey("authentication")
                ? authentication(f.get("authentication")) : AuthenticationConfig.NONE;
        declaredMethods.addAll(authentication.configuredMethods());
        List<Consumer> consumers = f.containsKey("consumers") ? consumers(f.get("consumers")) : List.of();

        Authenticate defaultAuth = new Authenticate(authentication.configuredMethods(), false);
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
        List<TokenKey> tokenKeys = f.containsKey("tokenization") ? responses.tokenization(f.get("tokenization")) : List.of();
        List<Route> routes = f.containsKey("routes") ? routes(f.get("routes"), defaultAuth) : List.of();
        responses.requireKeys(f.containsKey("tokenization"));
        Throttling limits = throttling.policyWide(f);
        AuditConfig audit = f.containsKey("audit") ? new AuditParser(in, file).audit(f.get("audit")) : null;
        AnomalyConfig anomalies = f.containsKey("anomalies") ? new AnomalyParser(in).anomalies(f.get("anomalies")) : null;
        AdminConfig admin = f.containsKey("admin") ? new AdminParser(in).admin(f.get("admin")) : null;
        InventoryConfig inventory = f.containsKey("inventory") ? new InventoryParser(in, file).inventory(f.get("inventory")) : null;
        return new Policy(file, mode, consumers, authentication, defaultAuth, allowUnmatched, routes, limits, tokenKeys,
                audit, anomalies, admin, inventory);
    }

    private AuthenticationConfig authentication(Node node) {
        Map<String, Node> a = in.fields(node, "authentication", AUTHENTICATION);
        String apiKeyHeader = null;
        if (a.containsKey("apiKey")) {
            Map<String, Node> k = in.fields(a.get("apiKey"), "authentication.apiKey", API_KEY_CONFIG);
            apiKeyHeader = k.containsKey("header") ? header(k.get("header"), "authentication.apiKey.header") : "X-API-Key";
        }
        JwtConfig jwt = a.containsKey("jwt") ? jwt(a.get("jwt")) : null;
        IntrospectionConfig introspection = a.containsKey("introspection") ? introspection(a.get("introspection")) : null;
        List<MtlsIdentity> mtls = a.containsKey("mtls") ? mtls(a.get("mtls")) : List.of();
        boolean hide = false;
        if (a.containsKey("hideCredentials")) {
            Boolean b = in.bool(a.get("hideCredentials"), "authentication.hideCredentials");
            hide = b != null && b;
        }
        String forwardHeader = null;
        List<String> forwardAttributes = List.of();
        if (a.containsKey("forwardIdentity")) {
            Node fi = a.get("forwardIdentity");
            if (fi instanceof ScalarNode) {
                forwardHeader = header(fi, "authentication.forwardIdentity");
            } else {
                Map<String, Node> ff = in.fields(fi, "authentication.forwardIdentity", FORWARD_IDENTITY);
                in.require(ff, fi, "header", "authentication.forwardIdentity");
                if (ff.containsKey("header")) forwardHeader = header(ff.get("header"), "forwardIdentity.header");
                if (ff.containsKey("attributes")) {
                    List<String> attrs = in.strings(ff.get("attributes"), "forwardIdentity.attributes");
                    if (attrs != null) forwardAttributes = attrs;
                }
            }
        }
        return new AuthenticationConfig(apiKeyHeader, jwt, introspection, mtls, hide, forwardHeader, forwardAttributes);
    }

    private String header(Node node, String what) {
        String header = in.string(node, what);
        if (header != null && !header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            in.error(node, "'" + header + "' is not a valid HTTP header name");
            return null;
        }
        return header;
    }

    private JwtConfig jwt(Node node) {
        String where = "authentication.jwt";
        Map<String, Node> j = in.fields(node, where, JWT);
        in.require(j, node, "issuer", where);
        in.require(j, node, "audiences", where);
        in.require(j, node, "algorithms", where);
        String issuer = j.containsKey("issuer") ? in.string(j.get("issuer"), "jwt.issuer") : null;
        List<String> audiences = j.containsKey("audiences") ? in.strings(j.get("audiences"), "jwt.audiences") : null;
        if (audiences != null && audiences.isEmpty()) in.error(j.get("audiences"), "jwt.audiences lists no audience");
        String jwks = j.containsKey("jwks") ? in.string(j.get("jwks"), "jwt.jwks") : null;
        if (jwks != null && !(jwks.startsWith("https://") || jwks.startsWith("http://") || jwks.startsWith("file:"))) {
            in.error(j.get("jwks"), "jwt.jwks must be an https:// (or http://) URL or file:/path, not '" + jwks + "'");
        }
        String secret = j.containsKey("secret") ? in.string(j.get("secret"), "jwt.secret") : null;
        if (secret != null && j.containsKey("secret") && !((ScalarNode) j.get("secret")).getValue().contains("${")) {
            in.error(j.get("secret"), "jwt.secret must come from the environment or a file, e.g. secret: ${env:JWT_SECRET}; never write a secret into a policy");
        }
        if (secret != null && secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            in.error(j.get("secret"), "jwt.secret is shorter than 32 bytes; HS256 needs at least 256 bits");
        }
        if (j.containsKey("jwks") == j.containsKey("secret")) {
            in.error(node, where + " needs exactly one of 'jwks' (public keys) or 'secret' (HS* algorithms)");
        }
        List<String> algorithms = j.containsKey("algorithms") ? in.strings(j.get("algorithms"), "jwt.algorithms") : null;
        if (algorithms != null) {
            if (algorithms.isEmpty()) in.error(j.get("algorithms"), "jwt.algorithms lists no algorithm");
            for (String alg : algorithms) {
                if (alg.equalsIgnoreCase("none")) {
                    in.error(j.get("algorithms"), "'none' can never be an accepted algorithm: it means unsigned tokens");
                } else if (!JWS_ALGORITHMS.contains(alg)) {
                    in.error(j.get("algorithms"), "unknown algorithm '" + alg + "'; use one of " + String.join(", ", new java.util.TreeSet<>(JWS_ALGORITHMS)));
                } else if (alg.startsWith("HS") && j.containsKey("jwks") && !j.containsKey("secret")) {
                    in.error(j.get("algorithms"), alg + " needs 'secret'; with 'jwks' list public-key algorithms (RS256, ES256, EdDSA...)");
                } else if (!alg.startsWith("HS") && j.containsKey("secret") && !j.containsKey("jwks")) {
                    in.error(j.get("algorithms"), alg + " needs 'jwks'; with 'secret' list HS256, HS384 or HS512");
                }
            }
        }
        java.time.Duration skew = optionalDuration(j, "clockSkew", java.time.Duration.ofSeconds(60));
        java.time.Duration maxLifetime = optionalDuration(j, "maxLifetime", java.time.Duration.ofHours(24));
        String consumerClaim = j.containsKey("consumerClaim") ? in.string(j.get("consumerClaim"), "jwt.consumerClaim") : "sub";
        Map<String, String> attributes = claimMap(j, "jwt.attributes");
        java.time.Duration ttl = optionalDuration(j, "jwksCacheTtl", java.time.Duration.ofMinutes(5));
        java.time.Duration timeout = optionalDuration(j, "jwksTimeout", java.time.Duration.ofSeconds(2));
        java.time.Duration refetch = optionalDuration(j, "jwksRefetchMinInterval", java.time.Duration.ofSeconds(30));
        if (issuer == null || audiences == null || algorithms == null) return null;
        return new JwtConfig(issuer, audiences, jwks, secret, algorithms, skew, maxLifetime, consumerClaim, attributes,
                ttl, timeout, refetch);
    }

    private IntrospectionConfig introspection(Node node) {
        String where = "authentication.introspection";
        Map<String, Node> i = in.fields(node, where, INTROSPECTION);
        in.require(i, node, "endpoint", where);
        String endpoint = i.containsKey("endpoint") ? in.string(i.get("endpoint"), "introspection.endpoint") : null;
        if (endpoint != null && !(endpoint.startsWith("https://") || endpoint.startsWith("http://"))) {
            in.error(i.get("endpoint"), "introspection.endpoint must be an https:// (or http://) URL");
        }
        String clientId = i.containsKey("clientId") ? in.string(i.get("clientId"), "introspection.clientId") : null;
        String clientSecret = i.containsKey("clientSecret") ? in.string(i.get("clientSecret"), "introspection.clientSecret") : null;
        if (clientSecret != null && !((ScalarNode) i.get("clientSecret")).getValue().contains("${")) {
            in.error(i.get("clientSecret"), "introspection.clientSecret must come from the environment, e.g. ${env:INTROSPECTION_SECRET}");
        }
        java.time.Duration ttl = optionalDuration(i, "cacheTtl", java.time.Duration.ofMinutes(5));
        java.time.Duration inactiveTtl = optionalDuration(i, "inactiveCacheTtl", java.time.Duration.ofSeconds(10));
        java.time.Duration timeout = optionalDuration(i, "timeout", java.time.Duration.ofSeconds(2));
        String consumerClaim = i.containsKey("consumerClaim") ? in.string(i.get("consumerClaim"), "introspection.consumerClaim") : "sub";
        Map<String, String> attributes = claimMap(i, "introspection.attributes");
        if (endpoint == null) return null;
        return new IntrospectionConfig(endpoint, clientId, clientSecret, ttl, inactiveTtl, timeout, consumerClaim, attributes);
    }

    private List<MtlsIdentity> mtls(Node node) {
        Map<String, Node> m = in.fields(node, "authentication.mtls", MTLS);
        in.require(m, node, "identities", "authentication.mtls");
        if (!m.containsKey("identities")) return List.of();
        List<Node> items = in.sequence(m.get("identities"), "mtls.identities");
        List<MtlsIdentity> out = new ArrayList<>();
        for (Node item : items == null ? List.<Node>of() : items) {
            Map<String, Node> f = in.fields(item, "an mtls identity", MTLS_IDENTITY);
            in.require(f, item, "consumer", "an mtls identity");
            String consumer = f.containsKey("consumer") ? in.string(f.get("consumer"), "consumer") : null;
            String subject = f.containsKey("subject") ? in.string(f.get("subject"), "subject") : null;
            String san = f.containsKey("san") ? in.string(f.get("san"), "san") : null;
            String sha = f.containsKey("sha256") ? in.string(f.get("sha256"), "sha256") : null;
            int set = (subject != null ? 1 : 0) + (san != null ? 1 : 0) + (sha != null ? 1 : 0);
            if (set != 1) in.error(item, "an mtls identity needs exactly one of subject, san or sha256");
            if (sha != null && !sha.replace(":", "").matches("[0-9a-fA-F]{64}")) {
                in.error(f.get("sha256"), "sha256 must be the 64 hex characters of the certificate's SHA-256 fingerprint");
            }
            if (consumer != null && set == 1) {
                out.add(new MtlsIdentity(consumer, subject, san, sha == null ? null : sha.replace(":", "").toLowerCase(Locale.ROOT)));
            }
        }
        if (out.isEmpty() && items != null && items.isEmpty()) in.error(m.get("identities"), "mtls.identities lists no identity");
        return out;
    }

    private java.time.Duration optionalDuration(Map<String, Node> f, String key, java.time.Duration dflt) {
        if (!f.containsKey(key)) return dflt;
        java.time.Duration d = in.duration(f.get(key), key);
        return d == null ? dflt : d;
    }

    private Map<String, String> claimMap(Map<String, Node> f, String where) {
        if (!f.containsKey("attributes")) return Map.of();
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : in.fields(f.get("attributes"), where, null).entrySet()) {
            String path = in.string(e.getValue(), where + "." + e.getKey());
            if (path != null) out.put(e.getKey(), path);
        }
        return out;
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
            if (value != null) in.error(node, where + " must be 'none', a list of methods such as [apiKey] (any one suffices) "
                    + "or { all: [mtls, jwt] } (all required), not '" + value + "'");
            return Authenticate.NONE;
        }
        boolean all = false;
        Node listNode = node;
        if (node instanceof org.yaml.snakeyaml.nodes.MappingNode) {
            Map<String, Node> m = in.fields(node, where, AUTHENTICATE_ALL);
            in.require(m, node, "all", where);
            if (!m.containsKey("all")) return Authenticate.NONE;
            all = true;
            listNode = m.get("all");
        }
        List<Node> items = in.sequence(listNode, where);
        if (items == null) return Authenticate.NONE;
        List<String> methods = new ArrayList<>();
        for (Node item : items) {
            String m = in.string(item, where + " entry");
            if (m == null) continue;
            if (!Authenticate.KNOWN.contains(m)) {
                in.error(item, "unknown authentication method '" + m + "'; supported: " + String.join(", ", Authenticate.KNOWN));
            } else if (!declaredMethods.contains(m)) {
                in.error(item, "'" + m + "' is used but not configured; add it under 'authentication:'");
            } else if (methods.contains(m)) {
                in.error(item, "'" + m + "' is listed twice");
            } else {
                methods.add(m);
            }
        }
        if (items.isEmpty()) in.error(listNode, where + " lists no method; write 'none' to allow anonymous callers");
        return new Authenticate(methods, all);
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
        List<String> scopes = r.containsKey("requireScopes") ? nonEmpty(r.get("requireScopes"), "requireScopes") : List.of();
        List<String> roles = r.containsKey("requireRoles") ? nonEmpty(r.get("requireRoles"), "requireRoles") : List.of();
        List<RateLimitSpec> limits = r.containsKey("rateLimits") ? throttling.rateLimits(r.get("rateLimits"), where) : List.of();
        LimitsFor tiers = r.containsKey("limitsFor") ? throttling.limitsFor(r.get("limitsFor"), where) : null;
        ConcurrencySpec concurrency = r.containsKey("maxConcurrent") ? throttling.maxConcurrent(r.get("maxConcurrent")) : null;
        DataBudgetSpec budget = r.containsKey("dataBudget") ? throttling.dataBudget(r.get("dataBudget"), "dataBudget of " + where) : null;
        ResponseParser.Response response = r.containsKey("response") ? responses.response(r.get("response"), where)
                : ResponseParser.Response.NONE;
        Mode mode = r.containsKey("mode") ? mode(r.get("mode"), where + " mode") : null;
        if (id == null || path == null) return null;
        return new Route(id, path, methods, auth, allow, scopes, roles, limits, response.fields(), tiers, concurrency,
                budget, response.allowFields(), mode);
    }

    /** {@code enforce} or {@code monitor}; null (and an error) otherwise. */
    private Mode mode(Node node, String what) {
        String m = in.string(node, what);
        if ("monitor".equals(m)) return Mode.MONITOR;
        if ("enforce".equals(m)) return Mode.ENFORCE;
        if (m != null) in.error(node, what + " must be 'enforce' or 'monitor', not '" + m + "'");
        return null;
    }

    private List<String> nonEmpty(Node node, String what) {
        List<String> values = in.strings(node, what);
        if (values != null && values.isEmpty()) in.error(node, what + " is empty; list at least one or leave the key out");
        return values == null ? List.of() : values;
    }

    private CelCondition cel(Node node, String where) {
        return cel(node, "allow", where);
    }

    CelCondition cel(Node node, String key, String where) {
        String expr = in.string(node, key + " of " + where);
        if (expr != null && expr.isBlank()) {
            in.error(node, key + " of " + where + " is empty");
            return null;
        }
        if (expr == null) return null;
        List<CelCondition.Issue> issues = new ArrayList<>();
        CelCondition condition = CelCondition.compile(expr, issues);
        if (condition == null) {
            for (CelCondition.Issue issue : issues) {
                int[] at = celPosition((ScalarNode) node, issue);
                in.errors().add(new PolicyError(file, at[0], at[1], "invalid CEL in " + key + " of " + where + ": "
                        + issue.message() + " (variables: consumer.id, consumer.attributes, claims, scopes, cert, "
                        + "request.method, request.path, request.headers, request.query, request.params)"));
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

}
