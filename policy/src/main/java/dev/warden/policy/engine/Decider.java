package dev.warden.policy.engine;

import dev.warden.policy.mask.MaskPlan;
import dev.warden.policy.model.Consumer;
import dev.warden.policy.model.Mode;
import dev.warden.policy.model.Policy;
import dev.warden.policy.model.RateLimitSpec;
import dev.warden.policy.model.Route;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides what happens to a request under one policy: route, authentication, authorization, rate limits and the
 * masking plan for its response. Thread-safe; one instance per loaded policy.
 */
public final class Decider {

    private record RouteRuntime(Route route, RateLimiter[] limiters, MaskPlan maskPlan) {
    }

    private static final Problem BAD_PATH = Problem.of(400, "bad-request", "Bad Request",
            "The request path is ambiguous and was not processed.");
    private static final Problem NOT_FOUND = Problem.of(404, "not-found", "Not Found", "No such resource.");
    private static final Problem UNAUTHENTICATED = Problem.of(401, "unauthenticated", "Unauthorized",
            "A valid credential is required for this resource.");
    private static final Problem FORBIDDEN = Problem.of(403, "forbidden", "Forbidden",
            "The caller is not allowed to access this resource.");
    private static final Problem RATE_LIMITED = Problem.of(429, "rate-limited", "Too Many Requests",
            "The rate limit for this resource was exceeded; retry after the number of seconds in Retry-After.");

    private final Policy policy;
    private final ApiKeyAuthenticator apiKeys;
    private final RouteRuntime[] routes;
    private final String challenge;

    public Decider(Policy policy) {
        this.policy = policy;
        this.apiKeys = new ApiKeyAuthenticator(policy.consumers());
        this.routes = new RouteRuntime[policy.routes().size()];
        for (int i = 0; i < routes.length; i++) {
            Route r = policy.routes().get(i);
            RateLimiter[] limiters = new RateLimiter[r.rateLimits().size()];
            for (int j = 0; j < limiters.length; j++) {
                limiters[j] = new RateLimiter(r.rateLimits().get(j), j == 0 ? r.id() : r.id() + "." + (j + 1));
            }
            routes[i] = new RouteRuntime(r, limiters, r.fieldRules().isEmpty() ? null : new MaskPlan(r.fieldRules()));
        }
        this.challenge = policy.apiKeyHeader() == null ? null
                : "ApiKey realm=\"warden\", header=\"" + policy.apiKeyHeader() + "\"";
    }

    public Policy policy() {
        return policy;
    }

    public Decision decide(RequestView request) {
        Decision d = enforce(request);
        if (policy.mode() == Mode.MONITOR) {
            // Monitor: report what enforcement would have done, change nothing on the wire.
            String reason = d.problem() == null ? d.reason() : "would_" + d.reason();
            return new Decision(d.route(), d.consumer(), d.problem(), false, reason, List.of(), null);
        }
        return d;
    }

    private Decision enforce(RequestView request) {
        List<String> segments = PathCanonicalizer.segments(request.rawPath());
        if (segments == null) return deny(null, null, BAD_PATH, "deny:bad_request", List.of());
        String method = request.method().toUpperCase(Locale.ROOT);
        RouteRuntime matched = null;
        Map<String, String> params = null;
        for (RouteRuntime rt : routes) {
            if (!rt.route.matchesMethod(method)) continue;
            params = rt.route.path().match(segments);
            if (params != null) {
                matched = rt;
                break;
            }
        }
        if (matched == null) {
            return policy.allowUnmatched()
                    ? new Decision(null, null, null, false, "allow", List.of(), null)
                    : deny(null, null, NOT_FOUND, "deny:not_found", List.of());
        }
        Route route = matched.route;

        Consumer consumer = null;
        List<String> keys = policy.apiKeyHeader() == null ? List.of() : request.headers(policy.apiKeyHeader());
        if (keys.size() == 1) consumer = apiKeys.authenticate(keys.get(0));
        if (!route.authenticate().anonymousAllowed() && (consumer == null || keys.size() != 1)) {
            return deny(route, null, UNAUTHENTICATED, "deny:unauthenticated",
                    challenge == null ? List.of() : List.of("WWW-Authenticate", challenge));
        }

        if (route.allow() != null && !route.allow().test(celVariables(request, consumer, params, method, segments))) {
            return deny(route, consumer, FORBIDDEN, "deny:forbidden", List.of());
        }

        List<String> headers = new ArrayList<>();
        if (matched.limiters.length > 0) {
            StringBuilder policyHeader = new StringBuilder();
            StringBuilder stateHeader = new StringBuilder();
            long retryAfter = 0;
            for (RateLimiter limiter : matched.limiters) {
                RateLimiter.Result r = limiter.tryConsume(key(limiter.spec(), route, consumer, request));
                if (policyHeader.length() > 0) {
                    policyHeader.append(", ");
                    stateHeader.append(", ");
                }
                policyHeader.append('"').append(limiter.name()).append("\";q=").append(limiter.spec().limit())
                        .append(";w=").append(limiter.windowSeconds());
                stateHeader.append('"').append(limiter.name()).append("\";r=").append(r.remaining())
                        .append(";t=").append(r.admitted() ? r.resetSeconds() : r.retryAfterSeconds());
                if (!r.admitted()) retryAfter = Math.max(retryAfter, r.retryAfterSeconds());
            }
            headers.addAll(List.of("RateLimit-Policy", policyHeader.toString(), "RateLimit", stateHeader.toString()));
            if (retryAfter > 0) {
                headers.addAll(List.of("Retry-After", Long.toString(retryAfter)));
                return deny(route, consumer, RATE_LIMITED, "deny:rate_limited", headers);
            }
        }
        return new Decision(route, consumer, null, false, "allow", headers, matched.maskPlan);
    }

    private static Decision deny(Route route, Consumer consumer, Problem problem, String reason, List<String> headers) {
        return new Decision(route, consumer, problem, true, reason, headers, null);
    }

    /** The bucket key: anonymous callers and absent headers fall back to the client address. */
    private static String key(RateLimitSpec spec, Route route, Consumer consumer, RequestView request) {
        return switch (spec.by()) {
            case "route" -> route.id();
            case "ip" -> "ip:" + request.clientIp();
            case "header" -> {
                List<String> v = request.headers(spec.header());
                yield v.isEmpty() ? "ip:" + request.clientIp() : "h:" + String.join(",", v);
            }
            default -> consumer == null ? "ip:" + request.clientIp() : "c:" + consumer.id();
        };
    }

    /** Query decoding for CEL; a malformed escape is kept as written (the condition sees it, nothing throws). */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static Map<String, Object> celVariables(RequestView request, Consumer consumer, Map<String, String> params,
                                                    String method, List<String> segments) {
        Map<String, Object> headers = new HashMap<>();
        for (String name : request.headerNames()) {
            List<String> values = request.headers(name);
            if (!values.isEmpty()) headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
        }
        Map<String, Object> query = new LinkedHashMap<>();
        if (request.query() != null) {
            for (String pair : request.query().split("&")) {
                int eq = pair.indexOf('=');
                query.putIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        Map<String, Object> req = new HashMap<>();
        req.put("method", method);
        req.put("path", "/" + String.join("/", segments));
        req.put("headers", headers);
        req.put("query", query);
        req.put("params", new HashMap<>(params));
        Map<String, Object> cons = new HashMap<>();
        cons.put("id", consumer == null ? "anonymous" : consumer.id());
        cons.put("attributes", consumer == null ? Map.of() : consumer.attributes());
        return Map.of("consumer", cons, "request", req);
    }
}
