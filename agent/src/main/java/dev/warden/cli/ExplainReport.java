package dev.warden.cli;

import dev.warden.policy.auth.AuthResult;
import dev.warden.policy.engine.Caller;
import dev.warden.policy.engine.Decision;
import dev.warden.policy.engine.PathCanonicalizer;
import dev.warden.policy.mask.MaskPlan;
import dev.warden.policy.model.Authenticate;
import dev.warden.policy.model.DataBudgetSpec;
import dev.warden.policy.model.FieldRule;
import dev.warden.policy.model.Mode;
import dev.warden.policy.model.Policy;
import dev.warden.policy.model.RateLimitSpec;
import dev.warden.policy.model.Route;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one decision out for a person, section by section: request, route, authentication, authorization, limits,
 * response masking, verdict. Every outcome printed comes from the engine's decision or from the authenticators it
 * used; the policy model only supplies what was configured. Never prints a header value, key, token or query value.
 */
final class ExplainReport {

    /** Reasons of refusals decided before any limit is counted (authentication, authorization, routing). */
    private static final Set<String> REFUSED_BEFORE_LIMITS = Set.of("deny:bad_request", "deny:not_found",
            "deny:unauthenticated", "deny:unavailable", "deny:insufficient_scope", "deny:forbidden");

    private final Policy policy;
    private final ExplainRequest request;
    private final Map<String, AuthResult> credentials;
    private final Decision decision;
    private final Route route;
    /** The decision's reason without the monitor prefix: what enforcement decided. */
    private final String reason;
    private final PrintStream out;

    ExplainReport(Policy policy, ExplainRequest request, Map<String, AuthResult> credentials, Decision decision,
                  PrintStream out) {
        this.policy = policy;
        this.request = request;
        this.credentials = credentials;
        this.decision = decision;
        this.route = decision.route();
        this.reason = decision.reason().startsWith("would_") ? decision.reason().substring(6) : decision.reason();
        this.out = out;
    }

    void print() {
        request();
        route();
        if (route != null) {
            authentication();
            authorization();
        }
        limits();
        masking();
        verdict();
    }

    private void request() {
        out.println("request: " + request.method() + " " + request.rawPath());
        List<String> query = request.queryNames();
        if (!query.isEmpty()) out.println("  query parameters: " + String.join(", ", query) + " (values not shown)");
        out.println("  headers: " + (request.headerNames().isEmpty() ? "none"
                : String.join(", ", request.headerNames()) + " (values not shown)"));
        out.println("  client address: " + request.clientIp());
        if (request.clientCertificates() != null) {
            out.println("  client certificate: " + request.clientCertificates()[0].getSubjectX500Principal().getName());
        }
    }

    private void route() {
        if (reason.equals("deny:bad_request")) {
            out.println("route: none: the path is ambiguous (an encoded '/', a '..' above the root or a bad escape)");
            return;
        }
        if (route == null) {
            out.println("route: none matches " + request.method() + " " + request.rawPath());
            out.println(policy.allowUnmatched()
                    ? "  unmatched: allow: the application serves it with no authentication, authorization or masking"
                    : "  unmatched: deny: Warden answers 404 and the application never sees the request");
            return;
        }
        int index = policy.routes().indexOf(route);
        out.println("route: " + route.id() + " (routes[" + index + "]: " + route.path() + ", "
                + (route.methods().isEmpty() ? "any method" : String.join("|", route.methods().stream().sorted().toList())) + ")");
        List<String> segments = PathCanonicalizer.segments(request.rawPath());
        Map<String, String> params = segments == null ? null : route.path().match(segments);
        if (params != null && !params.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            params.forEach((k, v) -> pairs.add(k + "=" + v));
            out.println("  captures: " + String.join(", ", pairs));
        }
        if (monitored()) out.println("  mode: monitor (decided and logged, nothing enforced, nothing masked)");
    }

    private boolean monitored() {
        return (route == null ? policy.mode() : route.modeUnder(policy.mode())) == Mode.MONITOR;
    }

    private void authentication() {
        Authenticate required = route.authenticate();
        if (required.anonymousAllowed()) {
            out.println("authentication: not required (authenticate: none); a valid credential still names the caller");
        } else {
            out.println("authentication: " + (required.methods().size() == 1 ? "required: " + required.methods().get(0)
                    : (required.all() ? "all of: " : "any one of: ") + String.join(", ", required.methods())));
        }
        credentials.forEach((method, result) -> out.println("  " + method + ": " + CredentialText.describe(policy, method, result)));
        Caller caller = decision.caller();
        if (caller == null || caller == Caller.ANONYMOUS) {
            out.println("caller: anonymous");
            return;
        }
        out.println("caller: " + caller.id() + " (by " + String.join(" + ", caller.methods()) + ")");
        if (!caller.attributes().isEmpty()) out.println("  attributes: " + pairs(caller.attributes()));
        if (!caller.scopes().isEmpty()) out.println("  scopes: " + String.join(" ", caller.scopes()));
    }

    private void authorization() {
        boolean any = !route.requireScopes().isEmpty() || !route.requireRoles().isEmpty() || route.allow() != null;
        if (!any) {
            out.println("authorization: no conditions beyond authentication");
            return;
        }
        out.println("authorization:");
        if (!route.requireScopes().isEmpty()) out.println("  requireScopes: " + String.join(", ", route.requireScopes()));
        if (!route.requireRoles().isEmpty()) out.println("  requireRoles: " + String.join(", ", route.requireRoles()));
        if (route.allow() != null) out.println("  allow: " + route.allow());
        out.println("  result: " + authorizationResult());
    }

    private String authorizationResult() {
        Caller caller = decision.caller();
        switch (reason) {
            case "deny:unauthenticated", "deny:unavailable":
                return "not evaluated: authentication failed first";
            case "deny:insufficient_scope": {
                List<String> missing = route.requireScopes().stream().filter(s -> !caller.scopes().contains(s)).toList();
                return "denied (403 insufficient_scope): the caller lacks scope " + String.join(", ", missing);
            }
            case "deny:forbidden": {
                List<String> missing = route.requireRoles().stream().filter(r -> !caller.roles().contains(r)).toList();
                return missing.isEmpty() ? "denied (403): the allow condition is false for this caller"
                        : "denied (403): the caller lacks role " + String.join(", ", missing);
            }
            default:
                return "allowed";
        }
    }

    private void limits() {
        List<String> lines = new ArrayList<>();
        for (RateLimitSpec spec : policy.throttling().rateLimits()) lines.add("rate limit (policy-wide): " + PolicyText.limit(spec));
        DataBudgetSpec budget = policy.throttling().dataBudget();
        if (route != null) {
            for (RateLimitSpec spec : route.rateLimits()) lines.add("rate limit: " + PolicyText.limit(spec));
            if (route.limitsFor() != null) {
                route.limitsFor().byValue().forEach((value, specs) -> lines.add("rate limit for " + route.limitsFor().attribute()
                        + "=" + value + " (instead of the route's): " + String.join("; ", specs.stream().map(PolicyText::limit).toList())));
            }
            if (route.maxConcurrent() != null) {
                lines.add("maxConcurrent: " + route.maxConcurrent().max() + " in flight by " + route.maxConcurrent().by().describe());
            }
            if (route.dataBudget() != null) budget = route.dataBudget();
            if (budget != null) {
                lines.add("dataBudget" + (budget == route.dataBudget() ? "" : " (policy-wide)") + ": " + budget.maxValues()
                        + " sensitive values in clear per " + PolicyText.duration(budget.per()) + " by " + budget.by().describe()
                        + ", then " + (budget.denyWhenSpent() ? "429" : "redacted"));
            }
        }
        if (lines.isEmpty()) {
            out.println("limits: none");
            return;
        }
        out.println("limits:");
        lines.forEach(l -> out.println("  " + l));
        String applied = header("RateLimit-Policy");
        if (applied != null) {
            out.println("  applied to this request: " + applied);
        } else if (REFUSED_BEFORE_LIMITS.contains(reason)) {
            out.println("  not reached: the request is refused before limits are counted");
        }
        out.println("  (counted here by a fresh engine: every bucket full, nothing in flight; a running agent's counts"
                + " are not visible from here)");
    }

    private void masking() {
        if (route == null) {
            if (policy.allowUnmatched() && !decision.denied()) out.println("response masking: none (no route)");
            return;
        }
        if (decision.denied()) {
            out.println("response masking: none: the application is not called");
            return;
        }
        if (monitored()) {
            out.println("response masking: none: in monitor mode Warden masks nothing");
            return;
        }
        if (route.fieldRules().isEmpty() && route.allowFields().isEmpty()) {
            out.println("response masking: none: the route has no response rules, the body passes unchanged");
            return;
        }
        MaskPlan plan = decision.maskPlan();
        List<FieldRule> applying = new ArrayList<>();
        List<FieldRule> others = new ArrayList<>();
        for (FieldRule rule : route.fieldRules()) {
            if (plan != null && containsSame(plan.rules(), rule)) applying.add(rule);
            else others.add(rule);
        }
        out.println("response masking for " + decision.consumerId() + (applying.isEmpty() ? ": no rule applies" : ":"));
        for (FieldRule rule : applying) out.println("  " + PolicyText.rule(rule));
        if (!route.allowFields().isEmpty()) {
            out.println("  allowFields: " + String.join(", ", route.allowFields().stream().map(String::valueOf).toList())
                    + " (every other field is removed)");
        }
        for (FieldRule rule : others) out.println("  not for this caller: " + PolicyText.rule(rule));
    }

    private void verdict() {
        int status = decision.problem() == null ? 0 : decision.problem().status();
        if (decision.denied()) {
            out.println("decision: deny " + status + " (" + decision.reason() + "): Warden answers with a problem"
                    + " document; the application never sees the request");
        } else if (decision.problem() != null) {
            out.println("decision: would deny " + status + " (" + decision.reason() + "): monitor mode logs it and the"
                    + " request reaches the application unchanged");
        } else {
            out.println("decision: allow: the request reaches the application"
                    + (decision.maskPlan() != null ? ", its JSON response masked as above" : ""));
        }
        List<String> headers = decision.headers();
        for (int i = 0; i + 1 < headers.size(); i += 2) out.println("  " + headers.get(i) + ": " + headers.get(i + 1));
    }

    private String header(String name) {
        List<String> headers = decision.headers();
        for (int i = 0; i + 1 < headers.size(); i += 2) if (headers.get(i).equalsIgnoreCase(name)) return headers.get(i + 1);
        return null;
    }

    private static boolean containsSame(List<FieldRule> rules, FieldRule rule) {
        for (FieldRule r : rules) if (r == rule) return true;
        return false;
    }

    private static String pairs(Map<String, Object> values) {
        List<String> out = new ArrayList<>();
        values.forEach((k, v) -> out.add(k + "=" + v));
        return String.join(", ", out);
    }
}
