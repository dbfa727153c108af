package dev.warden.policy;

import dev.warden.policy.model.Cidr;
import dev.warden.policy.model.ConcurrencySpec;
import dev.warden.policy.model.DataBudgetSpec;
import dev.warden.policy.model.LimitKey;
import dev.warden.policy.model.LimitsFor;
import dev.warden.policy.model.RateLimitSpec;
import dev.warden.policy.model.RateLimitStoreConfig;
import dev.warden.policy.model.Throttling;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads the throttling parts of a policy: rate limits, tiers, concurrency caps, data budgets, client IP, store. */
final class ThrottlingParser {

    private static final Set<String> RATE_LIMIT = Set.of("by", "limit", "per", "burst", "cost");
    private static final Set<String> CONCURRENCY = Set.of("by", "limit");
    private static final Set<String> DATA_BUDGET = Set.of("by", "maxValues", "per", "onExhausted");
    private static final Set<String> CLIENT_IP = Set.of("trustedProxies");
    private static final Set<String> STORE = Set.of("redis", "onFailure", "instances");
    private static final Set<String> REDIS = Set.of("uri", "timeout");
    private static final String KEY_HINT = "consumer, ip, route, header:NAME, claim:PATH, param:NAME, or a list of them";

    private final YamlReader in;

    ThrottlingParser(YamlReader in) {
        this.in = in;
    }

    /** The top-level keys ({@code rateLimits}, {@code clientIp}, {@code rateLimitStore}, ...) of the policy. */
    Throttling policyWide(Map<String, Node> top) {
        List<RateLimitSpec> limits = top.containsKey("rateLimits") ? rateLimits(top.get("rateLimits"), "the policy") : List.of();
        List<Cidr> proxies = top.containsKey("clientIp") ? trustedProxies(top.get("clientIp")) : List.of();
        boolean legacy = false;
        if (top.containsKey("legacyHeaders")) {
            Boolean b = in.bool(top.get("legacyHeaders"), "legacyHeaders");
            legacy = b != null && b;
        }
        RateLimitStoreConfig store = top.containsKey("rateLimitStore") ? store(top.get("rateLimitStore")) : null;
        DataBudgetSpec budget = top.containsKey("dataBudget") ? dataBudget(top.get("dataBudget"), "dataBudget") : null;
        return new Throttling(limits, proxies, legacy, store, budget);
    }

    List<RateLimitSpec> rateLimits(Node node, String where) {
        List<Node> items = in.sequence(node, "rateLimits of " + where);
        if (items == null) return List.of();
        List<RateLimitSpec> out = new ArrayList<>();
        for (Node item : items) {
            Map<String, Node> l = in.fields(item, "a rate limit of " + where, RATE_LIMIT);
            in.require(l, item, "limit", "a rate limit");
            in.require(l, item, "per", "a rate limit");
            LimitKey by = l.containsKey("by") ? key(l.get("by")) : LimitKey.CONSUMER;
            Long limit = l.containsKey("limit") ? in.integer(l.get("limit"), "limit", 1, 1_000_000_000L) : null;
            Duration per = l.containsKey("per") ? in.duration(l.get("per"), "per") : null;
            Long burst = l.containsKey("burst") ? in.integer(l.get("burst"), "burst", 1, 1_000_000_000L) : limit;
            Long cost = l.containsKey("cost") ? in.integer(l.get("cost"), "cost", 1, 1_000_000_000L) : Long.valueOf(1);
            if (burst != null && cost != null && cost > burst) {
                in.error(l.get("cost"), "cost " + cost + " is more than the bucket holds (burst " + burst
                        + "), so no request could ever be admitted; lower cost or raise burst");
                continue;
            }
            if (by != null && limit != null && per != null && burst != null && cost != null) {
                out.add(new RateLimitSpec(by, limit, per, burst, cost));
            }
        }
        return out;
    }

    /** {@code limitsFor: { ATTRIBUTE: { VALUE: [limits...], ... } }}, one attribute. */
    LimitsFor limitsFor(Node node, String where) {
        Map<String, Node> byAttribute = in.fields(node, "limitsFor of " + where, null);
        if (byAttribute.size() != 1) {
            in.error(node, "limitsFor of " + where + " must name exactly one consumer attribute, e.g. limitsFor: { tier: { gold: [...], free: [...] } }");
            return null;
        }
        Map.Entry<String, Node> entry = byAttribute.entrySet().iterator().next();
        Map<String, Node> byValue = in.fields(entry.getValue(), "limitsFor." + entry.getKey(), null);
        if (byValue.isEmpty()) {
            in.error(entry.getValue(), "limitsFor." + entry.getKey() + " lists no value; add e.g. gold: [{ limit: 100, per: 1m }]");
            return null;
        }
        Map<String, List<RateLimitSpec>> limits = new LinkedHashMap<>();
        for (Map.Entry<String, Node> v : byValue.entrySet()) {
            if (!v.getKey().matches("[A-Za-z0-9._:-]{1,32}")) {
                in.error(v.getValue(), "limitsFor value '" + v.getKey() + "' may only use letters, digits and . _ : - (it appears in RateLimit headers)");
                continue;
            }
            limits.put(v.getKey(), rateLimits(v.getValue(), "limitsFor." + entry.getKey() + "." + v.getKey()));
        }
        return new LimitsFor(entry.getKey(), limits);
    }

    /** {@code maxConcurrent: N} (per consumer) or {@code maxConcurrent: { limit: N, by: ... }}. */
    ConcurrencySpec maxConcurrent(Node node) {
        if (node instanceof ScalarNode) {
            Long n = in.integer(node, "maxConcurrent", 1, 1_000_000);
            return n == null ? null : new ConcurrencySpec(LimitKey.CONSUMER, n.intValue());
        }
        Map<String, Node> c = in.fields(node, "maxConcurrent", CONCURRENCY);
        in.require(c, node, "limit", "maxConcurrent");
        Long n = c.containsKey("limit") ? in.integer(c.get("limit"), "maxConcurrent.limit", 1, 1_000_000) : null;
        LimitKey by = c.containsKey("by") ? key(c.get("by")) : LimitKey.CONSUMER;
        return n == null || by == null ? null : new ConcurrencySpec(by, n.intValue());
    }

    DataBudgetSpec dataBudget(Node node, String where) {
        Map<String, Node> b = in.fields(node, where, DATA_BUDGET);
        in.require(b, node, "maxValues", where);
        in.require(b, node, "per", where);
        LimitKey by = b.containsKey("by") ? key(b.get("by")) : LimitKey.CONSUMER;
        Long max = b.containsKey("maxValues") ? in.integer(b.get("maxValues"), "maxValues", 1, 1_000_000_000L) : null;
        Duration per = b.containsKey("per") ? in.duration(b.get("per"), "per") : null;
        boolean deny = false;
        if (b.containsKey("onExhausted")) {
            String o = in.string(b.get("onExhausted"), "onExhausted");
            if ("deny".equals(o)) deny = true;
            else if (o != null && !"mask".equals(o)) {
                in.error(b.get("onExhausted"), "onExhausted must be 'mask' (redact what would pass in clear) or 'deny' (429), not '" + o + "'");
            }
        }
        return by == null || max == null || per == null ? null : new DataBudgetSpec(by, max, per, deny);
    }

    private List<Cidr> trustedProxies(Node node) {
        Map<String, Node> c = in.fields(node, "clientIp", CLIENT_IP);
        if (!c.containsKey("trustedProxies")) return List.of();
        List<Node> items = in.sequence(c.get("trustedProxies"), "clientIp.trustedProxies");
        List<Cidr> out = new ArrayList<>();
        for (Node item : items == null ? List.<Node>of() : items) {
            String text = in.string(item, "a trusted proxy");
            if (text == null) continue;
            Cidr cidr = Cidr.parse(text.trim());
            if (cidr == null) in.error(item, "'" + text + "' is not an address block; write 10.0.0.0/8, 192.168.1.7 or ::1/128");
            else out.add(cidr);
        }
        return out;
    }

    private RateLimitStoreConfig store(Node node) {
        Map<String, Node> s = in.fields(node, "rateLimitStore", STORE);
        in.require(s, node, "redis", "rateLimitStore");
        String uri = null;
        Duration timeout = Duration.ofMillis(50);
        if (s.containsKey("redis")) {
            Map<String, Node> r = in.fields(s.get("redis"), "rateLimitStore.redis", REDIS);
            in.require(r, s.get("redis"), "uri", "rateLimitStore.redis");
            if (r.containsKey("uri")) {
                uri = in.string(r.get("uri"), "rateLimitStore.redis.uri");
                if (uri != null && !validRedisUri(uri)) {
                    in.error(r.get("uri"), "rateLimitStore.redis.uri must look like redis://HOST:PORT or rediss://HOST:PORT (credentials via ${env:...})");
                    uri = null;
                }
                String raw = ((ScalarNode) r.get("uri")).getValue();
                if (uri != null && raw.matches("rediss?://[^@/]*:[^@/${}]+@.*")) {
                    in.error(r.get("uri"), "the Redis password is written into the policy; take it from the environment: redis://:${env:REDIS_PASSWORD}@host:6379");
                }
            }
            if (r.containsKey("timeout")) timeout = in.duration(r.get("timeout"), "rateLimitStore.redis.timeout");
        }
        RateLimitStoreConfig.OnFailure onFailure = RateLimitStoreConfig.OnFailure.LOCAL;
        if (s.containsKey("onFailure")) {
            String o = in.string(s.get("onFailure"), "rateLimitStore.onFailure");
            if (o != null) {
                switch (o) {
                    case "local" -> onFailure = RateLimitStoreConfig.OnFailure.LOCAL;
                    case "allow" -> onFailure = RateLimitStoreConfig.OnFailure.ALLOW;
                    case "deny" -> onFailure = RateLimitStoreConfig.OnFailure.DENY;
                    default -> in.error(s.get("onFailure"), "rateLimitStore.onFailure must be local, allow or deny, not '" + o + "'");
                }
            }
        }
        Long instances = s.containsKey("instances") ? in.integer(s.get("instances"), "rateLimitStore.instances", 1, 10_000) : Long.valueOf(1);
        if (uri == null || timeout == null || instances == null) return null;
        return new RateLimitStoreConfig(uri, timeout, onFailure, instances.intValue());
    }

    private static boolean validRedisUri(String uri) {
        try {
            URI u = new URI(uri);
            return ("redis".equals(u.getScheme()) || "rediss".equals(u.getScheme())) && u.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** {@code by:} one part or a list of parts. */
    LimitKey key(Node node) {
        List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        if (items.isEmpty()) {
            in.error(node, "by lists nothing; use " + KEY_HINT);
            return null;
        }
        List<LimitKey.Part> parts = new ArrayList<>();
        for (Node item : items) {
            String text = in.string(item, "by");
            if (text == null) return null;
            LimitKey.Part part = part(text);
            if (part == null) {
                in.error(item, "by must be " + KEY_HINT + "; not '" + text + "'");
                return null;
            }
            if (parts.contains(part)) {
                in.error(item, "'" + text + "' is listed twice in by");
                return null;
            }
            parts.add(part);
        }
        return new LimitKey(parts);
    }

    private static LimitKey.Part part(String text) {
        switch (text) {
            case "consumer": return new LimitKey.Part(LimitKey.Kind.CONSUMER, null);
            case "ip": return new LimitKey.Part(LimitKey.Kind.IP, null);
            case "route": return new LimitKey.Part(LimitKey.Kind.ROUTE, null);
            default:
        }
        int colon = text.indexOf(':');
        if (colon < 0) return null;
        String name = text.substring(colon + 1);
        return switch (text.substring(0, colon)) {
            case "header" -> name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+") ? new LimitKey.Part(LimitKey.Kind.HEADER, name) : null;
            case "claim" -> name.matches("[A-Za-z0-9_:/-]+(\\.[A-Za-z0-9_:/-]+)*") ? new LimitKey.Part(LimitKey.Kind.CLAIM, name) : null;
            case "param" -> name.matches("[A-Za-z0-9_.-]+") ? new LimitKey.Part(LimitKey.Kind.PARAM, name) : null;
            default -> null;
        };
    }
}
