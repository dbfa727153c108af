package dev.warden.policy.engine;

import dev.warden.policy.auth.AuthResult;
import dev.warden.policy.auth.Authenticator;
import dev.warden.policy.auth.Authenticators;
import dev.warden.policy.mask.MaskPlan;
import dev.warden.policy.mask.Tokenizer;
import dev.warden.policy.model.Authenticate;
import dev.warden.policy.model.AuthenticationConfig;
import dev.warden.policy.model.Consumer;
import dev.warden.policy.model.Mode;
import dev.warden.policy.model.Policy;
import dev.warden.policy.model.Route;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides what happens to a request under one policy: route, authentication, authorization, rate limits, the
 * masking plan for its response and the request headers the application sees. Thread-safe; one per policy.
 */
public final class Decider implements AutoCloseable {

    /** A route with what it needs at request time built once: its index in the throttle, its masking plans. */
    private record RouteRuntime(Route route, int index, ResponsePlans plans) {
    }

    /** Authentication's verdict: a caller, or the problem and headers to deny with. */
    private record AuthOutcome(Caller caller, Problem problem, String reason, List<String> headers) {
    }

    private static final Problem BAD_PATH = Problem.of(400, "bad-request", "Bad Request",
            "The request path is ambiguous and was not processed.");
    private static final Problem NOT_FOUND = Problem.of(404, "not-found", "Not Found", "No such resource.");
    private static final Problem UNAUTHENTICATED = Problem.of(401, "unauthenticated", "Unauthorized",
            "A valid credential is required for this resource.");
    private static final Problem FORBIDDEN = Problem.of(403, "forbidden", "Forbidden",
            "The caller is not allowed to access this resource.");
    private static final Problem INSUFFICIENT_SCOPE = Problem.of(403, "insufficient-scope", "Forbidden",
            "The access token does not carry the scope this resource requires.");
    private static final Problem UNAVAILABLE = Problem.of(503, "unavailable", "Service Unavailable",
            "The credential could not be verified right now; retry later.");
    private static final String REALM = "realm=\"warden\"";

    private final Policy policy;
    private final Map<String, Authenticator> authenticators;
    private final Map<String, Consumer> consumers = new HashMap<>();
    private final RouteRuntime[] routes;
    private final RequestEdits anonymousEdits;
    private final Throttle throttle;
    private final boolean globalLimits;
    private final java.util.function.Consumer<String> log;

    public Decider(Policy policy) {
        this(policy, Authenticators.forPolicy(policy));
    }

    public Decider(Policy policy, Map<String, Authenticator> authenticators) {
        this(policy, authenticators, message -> System.err.println("warden: " + message));
    }

    /** @param log where throttling reports its store's outages and spent data budgets (never a key or a value) */
    public Decider(Policy policy, Map<String, Authenticator> authenticators, java.util.function.Consumer<String> log) {
        this(policy, authenticators, log, null);
    }

    /**
     * The engine of a new version of the policy (a reload), taking over from {@code previous}, which goes on serving
     * the requests it decided: the shared rate-limit store's connections when it is configured the same way; every
     * rate limit, data budget and concurrency cap defined at the same place with the same settings, with its
     * state (remaining tokens, spent budgets, requests in flight); the JWT and introspection authenticators whose
     * settings did not change, with their caches. Whatever changed starts fresh. Closing {@code previous} later
     * does not close what this engine took over.
     */
    public static Decider succeeding(Decider previous, Policy policy) {
        return new Decider(policy, Authenticators.succeeding(policy, previous.policy, previous.authenticators),
                previous.log, previous.throttle);
    }

    private Decider(Policy policy, Map<String, Authenticator> authenticators, java.util.function.Consumer<String> log,
                    Throttle previous) {
        this.policy = policy;
        this.authenticators = Map.copyOf(authenticators);
        this.log = log;
        for (Consumer c : policy.consumers()) consumers.put(c.id(), c);
        this.throttle = new Throttle(policy, log, previous);
        this.globalLimits = !policy.throttling().rateLimits().isEmpty();
        Tokenizer tokenizer = policy.tokenKeys().isEmpty() ? null : new Tokenizer(policy.tokenKeys());
        this.routes = new RouteRuntime[policy.routes().size()];
        for (int i = 0; i < routes.length; i++) {
            Route r = policy.routes().get(i);
            routes[i] = new RouteRuntime(r, i, new ResponsePlans(r.fieldRules(), r.allowFields(), tokenizer, throttle.budgeted(i)));
        }
        this.anonymousEdits = edits(null);
    }

    /**
     * The masking plan a caller would get on a route, as the agent would apply it (no data budget): for the
     * {@code mask} command. {@code identity} null means an anonymous caller. Null when the route masks nothing.
     */
    public MaskPlan previewPlan(String routeId, dev.warden.policy.auth.Identity identity) {
        for (RouteRuntime rt : routes) {
            if (!rt.route.id().equals(routeId)) continue;
            Caller caller = Caller.ANONYMOUS;
            if (identity != null) {
                Consumer declared = consumers.get(identity.consumerId());
                caller = withPolicyAttributes(Caller.of(identity, declared != null && identity.claims().isEmpty()
                        ? Authenticate.API_KEY : Authenticate.JWT));
            }
            Caller c = caller;
            return rt.plans.forCaller(() -> celVariables(new FixedRequest("GET", "/"), c, Map.of(), "GET", List.of()));
        }
        throw new IllegalArgumentException("no route '" + routeId + "'");
    }

    /** Releases the shared rate-limit store's connections, if any (unless an engine that succeeded this one uses them). */
    @Override
    public void close() {
        throttle.close();
    }

    /** The client's address as the policy sees it (after trusted proxies), for the audit log. */
    public String clientIp(RequestView request) {
        return throttle.clientIp(request);
    }

    public Policy policy() {
        return policy;
    }

    public Decision decide(RequestView request) {
        Decision d = enforce(request);
        // A route's own mode overrides the policy's; requests that match no route follow the policy's.
        Mode mode = d.route() == null ? policy.mode() : d.route().modeUnder(policy.mode());
        if (mode == Mode.MONITOR) {
            // Monitor: report what enforcement would have done, change nothing on the wire.
            String reason = d.problem() == null ? d.reason() : "would_" + d.reason();
            return new Decision(d.route(), d.caller(), d.problem(), false, reason, List.of(), null, RequestEdits.NONE,
                    d.completion());
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
            if (!policy.allowUnmatched()) return deny(null, null, NOT_FOUND, "deny:not_found", List.of());
            List<String> headers = List.of();
            if (globalLimits) {
                Throttle.Admission a = throttle.admit(-1, new LimitContext("-", Caller.ANONYMOUS, request, null,
                        throttle.clientIp(request)));
                if (a.problem() != null) return deny(null, null, a.problem(), a.reason(), a.headers());
                headers = a.headers();
            }
            return new Decision(null, Caller.ANONYMOUS, null, false, "allow", headers, null, anonymousEdits, null);
        }
        Route route = matched.route;

        AuthOutcome auth = authenticate(route.authenticate(), request);
        if (auth.problem != null) return deny(route, null, auth.problem, auth.reason, auth.headers);
        Caller caller = auth.caller;

        if (!route.requireScopes().isEmpty() && !caller.scopes().containsAll(route.requireScopes())) {
            return deny(route, caller, INSUFFICIENT_SCOPE, "deny:insufficient_scope", List.of("WWW-Authenticate",
                    "Bearer " + REALM + ", error=\"insufficient_scope\", scope=\"" + String.join(" ", route.requireScopes()) + "\""));
        }
        if (!route.requireRoles().isEmpty() && !caller.roles().containsAll(route.requireRoles())) {
            return deny(route, caller, FORBIDDEN, "deny:forbidden", List.of());
        }
        Map<String, String> captured = params;
        Supplier<Map<String, Object>> variables = new Supplier<>() {
            private Map<String, Object> vars;

            @Override
            public Map<String, Object> get() {
                if (vars == null) vars = celVariables(request, caller, captured, method, segments);
                return vars;
            }
        };
        if (route.allow() != null && !route.allow().test(variables.get())) {
            return deny(route, caller, FORBIDDEN, "deny:forbidden", List.of());
        }

        Throttle.Admission admission = throttle.admit(matched.index,
                new LimitContext(route.id(), caller, request, params, throttle.clientIp(request)));
        if (admission.problem() != null) return deny(route, caller, admission.problem(), admission.reason(), admission.headers());
        MaskPlan plan = matched.plans.forCaller(variables);
        if (plan != null && admission.budget() != null) plan = plan.withBudget(admission.budget());
        RequestEdits edits = caller == Caller.ANONYMOUS ? anonymousEdits : edits(caller);
        return new Decision(route, caller, null, false, "allow", admission.headers(), plan, edits, admission.completion());
    }

    private static Decision deny(Route route, Caller caller, Problem problem, String reason, List<String> headers) {
        return new Decision(route, caller == null ? Caller.ANONYMOUS : caller, problem, true, reason, headers, null,
                RequestEdits.NONE, null);
    }

    /**
     * Runs the route's methods: with {@code all}, every one must succeed; otherwise the first that succeeds wins.
     * A method that could not check (dependency down) makes the answer 503 rather than a guess.
     */
    private AuthOutcome authenticate(Authenticate required, RequestView request) {
        if (required.anonymousAllowed()) return new AuthOutcome(identifyOptionally(request), null, null, List.of());
        if (required.methods().size() == 1) {
            // The common case, without the bookkeeping combinations need.
            String method = required.methods().get(0);
            AuthResult r = authenticators.get(method).authenticate(request);
            if (r.status() == AuthResult.Status.OK) {
                return new AuthOutcome(withPolicyAttributes(Caller.of(r.identity(), method)), null, null, List.of());
            }
            if (r.status() == AuthResult.Status.UNAVAILABLE) {
                return new AuthOutcome(null, UNAVAILABLE, "deny:unavailable", List.of("Retry-After", "5"));
            }
            return new AuthOutcome(null, UNAUTHENTICATED, "deny:unauthenticated", challenge(required, Map.of(method, r)));
        }
        List<Caller> verified = new ArrayList<>();
        Map<String, AuthResult> failures = new LinkedHashMap<>();
        for (String method : required.methods()) {
            AuthResult r = authenticators.get(method).authenticate(request);
            if (r.status() == AuthResult.Status.OK) {
                verified.add(Caller.of(r.identity(), method));
                if (!required.all()) break;
            } else {
                failures.put(method, r);
                if (required.all() && r.status() != AuthResult.Status.UNAVAILABLE) break;
            }
        }
        boolean satisfied = required.all() ? failures.isEmpty() : !verified.isEmpty();
        if (satisfied) return new AuthOutcome(withPolicyAttributes(merge(verified)), null, null, List.of());
        if (failures.values().stream().anyMatch(r -> r.status() == AuthResult.Status.UNAVAILABLE)) {
            return new AuthOutcome(null, UNAVAILABLE, "deny:unavailable", List.of("Retry-After", "5"));
        }
        return new AuthOutcome(null, UNAUTHENTICATED, "deny:unauthenticated", challenge(required, failures));
    }

    /** On routes open to anonymous callers, a valid local credential still identifies the caller (for limits). */
    private Caller identifyOptionally(RequestView request) {
        for (String method : List.of(Authenticate.API_KEY, Authenticate.JWT, Authenticate.MTLS)) {
            Authenticator a = authenticators.get(method);
            if (a == null) continue;
            AuthResult r = a.authenticate(request);
            if (r.status() == AuthResult.Status.OK) return withPolicyAttributes(Caller.of(r.identity(), method));
        }
        return Caller.ANONYMOUS;
    }

    /** Several verified methods ({@code all}): the first names the consumer, the others add what they know. */
    private static Caller merge(List<Caller> verified) {
        if (verified.size() == 1) return verified.get(0);
        Caller first = verified.get(0);
        Map<String, Object> attributes = new LinkedHashMap<>();
        Map<String, Object> claims = new LinkedHashMap<>();
        Set<String> scopes = new LinkedHashSet<>();
        Map<String, Object> cert = new LinkedHashMap<>();
        List<String> methods = new ArrayList<>();
        for (Caller c : verified) {
            c.attributes().forEach(attributes::putIfAbsent);
            c.claims().forEach(claims::putIfAbsent);
            scopes.addAll(c.scopes());
            c.cert().forEach(cert::putIfAbsent);
            methods.addAll(c.methods());
        }
        return new Caller(first.id(), attributes, claims, scopes, cert, methods);
    }

    /** A consumer the policy declares keeps its declared attributes; what credentials say adds to them. */
    private Caller withPolicyAttributes(Caller caller) {
        // An API key's identity is the declared consumer already.
        if (caller.methods().size() == 1 && caller.methods().get(0).equals(Authenticate.API_KEY)) return caller;
        Consumer declared = consumers.get(caller.id());
        if (declared == null || caller.attributes().equals(declared.attributes())) return caller;
        Map<String, Object> attributes = new LinkedHashMap<>(caller.attributes());
        declared.attributes().forEach(attributes::put);
        return new Caller(caller.id(), attributes, caller.claims(), caller.scopes(), caller.cert(), caller.methods());
    }

    /** One challenge per accepted scheme (RFC 9110); a rejected bearer token says invalid_token (RFC 6750). */
    private List<String> challenge(Authenticate required, Map<String, AuthResult> failures) {
        List<String> challenges = new ArrayList<>();
        boolean bearer = false;
        for (String method : required.methods()) {
            if (method.equals(Authenticate.API_KEY)) {
                challenges.add("ApiKey " + REALM + ", header=\"" + policy.apiKeyHeader() + "\"");
            } else if ((method.equals(Authenticate.JWT) || method.equals(Authenticate.INTROSPECTION)) && !bearer) {
                bearer = true;
                String error = bearerError(failures);
                challenges.add("Bearer " + REALM + (error == null ? "" : ", error=\"" + error + "\""));
            }
        }
        return challenges.isEmpty() ? List.of() : List.of("WWW-Authenticate", String.join(", ", challenges));
    }

    private static String bearerError(Map<String, AuthResult> failures) {
        for (String m : List.of(Authenticate.JWT, Authenticate.INTROSPECTION)) {
            AuthResult r = failures.get(m);
            if (r != null && r.status() == AuthResult.Status.INVALID) return r.error() == null ? "invalid_token" : r.error();
        }
        return null;
    }

    /** What the application sees of credentials and identity (see {@link RequestEdits}). */
    private RequestEdits edits(Caller caller) {
        AuthenticationConfig a = policy.authentication();
        if (!a.hideCredentials() && a.forwardHeader() == null) return RequestEdits.NONE;
        List<String> remove = new ArrayList<>();
        if (a.hideCredentials()) {
            if (a.apiKeyHeader() != null) remove.add(a.apiKeyHeader());
            if (a.jwt() != null || a.introspection() != null) remove.add("Authorization");
        }
        List<String> add = new ArrayList<>();
        if (a.forwardHeader() != null && caller != null) {
            add.addAll(List.of(a.forwardHeader(), caller.id()));
            for (String attr : a.forwardAttributes()) {
                Object v = caller.attributes().get(attr);
                if (v != null) add.addAll(List.of(a.forwardHeader() + "-" + attr, v instanceof List<?> l
                        ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(v)));
            }
        }
        RequestEdits edits = new RequestEdits(remove, a.forwardHeader(), add);
        return edits.isEmpty() ? RequestEdits.NONE : edits;
    }

    /** Query decoding for CEL; a malformed escape is kept as written (the condition sees it, nothing throws). */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static Map<String, Object> celVariables(RequestView request, Caller caller, Map<String, String> params,
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
        cons.put("id", caller.id());
        cons.put("attributes", caller.attributes());
        return Map.of("consumer", cons, "request", req, "claims", caller.claims(),
                "scopes", List.copyOf(caller.scopes()), "cert", caller.cert());
    }
}
