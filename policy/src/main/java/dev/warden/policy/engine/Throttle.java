package dev.warden.policy.engine;

import dev.warden.policy.mask.ClearValueBudget;
import dev.warden.policy.model.ConcurrencySpec;
import dev.warden.policy.model.DataBudgetSpec;
import dev.warden.policy.model.Policy;
import dev.warden.policy.model.RateLimitSpec;
import dev.warden.policy.model.Route;
import dev.warden.policy.model.Throttling;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The throttling of one policy: rate limits (policy-wide first, then the route's or the caller's tier's), the
 * concurrency cap and the data budget of each route, and the client address they count by.
 */
final class Throttle implements AutoCloseable {

    static final Problem RATE_LIMITED = Problem.of(429, "rate-limited", "Too Many Requests",
            "The rate limit for this resource was exceeded; retry after the number of seconds in Retry-After.");
    static final Problem TOO_MANY_CONCURRENT = Problem.of(429, "too-many-concurrent-requests", "Too Many Requests",
            "Too many requests of this caller are in progress on this resource; retry shortly.");
    static final Problem DATA_BUDGET_SPENT = Problem.of(429, "data-budget-spent", "Too Many Requests",
            "The caller has received the sensitive data its budget allows for now; retry after the number of seconds in Retry-After.");
    static final Problem LIMITS_UNAVAILABLE = Problem.of(503, "limits-unavailable", "Service Unavailable",
            "Rate limits could not be checked right now; retry later.");

    /** What throttling says about one request: admitted (problem null) with headers, or the denial. */
    record Admission(Problem problem, String reason, List<String> headers, Runnable completion,
                     ClearValueBudget budget) {
    }

    /** The limits applied together, and their RateLimit-Policy header value (built once). */
    private record LimitSet(RateLimiter[] limiters, String policyHeader) {
    }

    /** A route's throttling, built once. {@code tiers} null when the route has no limitsFor. */
    private record RouteThrottle(LimitSet limits, String tierAttribute, Map<String, LimitSet> tiers,
                                 ConcurrencyLimiter concurrency, DataBudget budget) {
    }

    private final ClientAddress clientAddress;
    private final boolean legacyHeaders;
    private final SharedBuckets shared;
    private final RouteThrottle[] routes;
    private final RouteThrottle unmatched;
    /** Every limiter, budget and cap of this policy, for the policy that may replace it. */
    private final ThrottleState state = new ThrottleState();

    Throttle(Policy policy, Consumer<String> log) {
        this(policy, log, null);
    }

    /**
     * @param previous the throttling of the policy this one replaces (a reload), or null: its shared store's
     *                 connections are reused when the store is configured the same way, and its limiters, budgets
     *                 and caps, with their state, wherever this policy defines them the same way
     */
    Throttle(Policy policy, Consumer<String> log, Throttle previous) {
        Throttling t = policy.throttling();
        this.clientAddress = new ClientAddress(t.trustedProxies());
        this.legacyHeaders = t.legacyHeaders();
        this.shared = t.store() == null ? null
                : previous != null && previous.shared != null && previous.shared.config().equals(t.store())
                ? previous.shared.retain() : new SharedBuckets(t.store(), log);
        // What one store counted means nothing in another.
        ThrottleState before = previous != null && previous.shared == shared ? previous.state : null;
        List<RateLimiter> global = limiters(before, List.of("global"), t.rateLimits(), "global");
        DataBudget policyBudget = t.dataBudget() == null ? null
                : budget(before, List.of("budget"), t.dataBudget(), "budget", log);
        this.routes = new RouteThrottle[policy.routes().size()];
        for (int i = 0; i < routes.length; i++) {
            Route r = policy.routes().get(i);
            LimitSet own = limitSet(global, limiters(before, List.of("route", r.id()), r.rateLimits(), r.id()));
            Map<String, LimitSet> tiers = null;
            if (r.limitsFor() != null) {
                tiers = new HashMap<>();
                for (Map.Entry<String, List<RateLimitSpec>> e : r.limitsFor().byValue().entrySet()) {
                    tiers.put(e.getKey(), limitSet(global, limiters(before, List.of("tier", r.id(), e.getKey()),
                            e.getValue(), r.id() + "." + e.getKey())));
                }
            }
            DataBudgetSpec b = r.dataBudget();
            ConcurrencySpec c = r.maxConcurrent();
            routes[i] = new RouteThrottle(own, r.limitsFor() == null ? null : r.limitsFor().attribute(), tiers,
                    c == null ? null : state.take(before, List.of("concurrency", r.id()), c, ConcurrencyLimiter.class,
                            () -> new ConcurrencyLimiter(c)),
                    b == null ? policyBudget : budget(before, List.of("budget", r.id()), b, "budget." + r.id(), log));
        }
        this.unmatched = new RouteThrottle(limitSet(global, List.of()), null, null, null, null);
    }

    private List<RateLimiter> limiters(ThrottleState before, List<?> place, List<RateLimitSpec> specs, String name) {
        List<RateLimiter> out = new ArrayList<>();
        for (int j = 0; j < specs.size(); j++) {
            RateLimitSpec spec = specs.get(j);
            String n = j == 0 ? name : name + "." + (j + 1);
            List<Object> key = new ArrayList<>(place);
            key.add(j);
            out.add(state.take(before, key, spec, RateLimiter.class, () -> new RateLimiter(spec, n, shared)));
        }
        return out;
    }

    private DataBudget budget(ThrottleState before, List<?> place, DataBudgetSpec spec, String name,
                              Consumer<String> log) {
        return state.take(before, place, spec, DataBudget.class, () -> new DataBudget(spec, name, shared, log));
    }

    private static LimitSet limitSet(List<RateLimiter> global, List<RateLimiter> own) {
        List<RateLimiter> all = new ArrayList<>(global);
        all.addAll(own);
        StringBuilder header = new StringBuilder();
        for (RateLimiter limiter : all) {
            if (header.length() > 0) header.append(", ");
            header.append('"').append(limiter.name()).append("\";q=").append(limiter.spec().limit())
                    .append(";w=").append(limiter.windowSeconds());
        }
        return new LimitSet(all.toArray(new RateLimiter[0]), header.toString());
    }

    String clientIp(RequestView request) {
        return clientAddress.of(request);
    }

    /** Whether a route's responses may carry values that count against a data budget. */
    boolean budgeted(int route) {
        return route >= 0 && routes[route].budget != null;
    }

    /** Rate limits, then the data budget (when it denies), then the concurrency cap; {@code route} -1: unmatched. */
    Admission admit(int route, LimitContext ctx) {
        RouteThrottle rt = route < 0 ? unmatched : routes[route];
        LimitSet set = rt.limits;
        if (rt.tiers != null) {
            LimitSet tier = tier(rt, ctx.caller());
            if (tier != null) set = tier;
        }
        List<String> headers = new ArrayList<>(8);
        if (set.limiters.length > 0) {
            Admission refused = rateLimits(set, ctx, headers);
            if (refused != null) return refused;
        }
        ClearValueBudget lease = null;
        if (rt.budget != null) {
            String key = ctx.key(rt.budget.spec().by());
            if (rt.budget.spec().denyWhenSpent() && rt.budget.spent(key)) {
                headers.addAll(List.of("Retry-After", Long.toString(rt.budget.secondsToRefill(key))));
                return new Admission(DATA_BUDGET_SPENT, "deny:data_budget", headers, null, null);
            }
            lease = rt.budget.lease(key, ctx.caller().id());
        }
        Runnable permit = null;
        if (rt.concurrency != null) {
            permit = rt.concurrency.tryAcquire(ctx.key(rt.concurrency.spec().by()));
            if (permit == null) {
                headers.addAll(List.of("Retry-After", "1"));
                return new Admission(TOO_MANY_CONCURRENT, "deny:concurrency", headers, null, null);
            }
        }
        return new Admission(null, "allow", headers, permit, lease);
    }

    private static LimitSet tier(RouteThrottle rt, Caller caller) {
        Object value = caller.attributes().get(rt.tierAttribute);
        if (value instanceof List<?> values) {
            for (Object v : values) {
                LimitSet s = rt.tiers.get(String.valueOf(v));
                if (s != null) return s;
            }
            return null;
        }
        return value == null ? null : rt.tiers.get(String.valueOf(value));
    }

    /** Every limit must admit; when one refuses, what the others took is given back. */
    private Admission rateLimits(LimitSet set, LimitContext ctx, List<String> headers) {
        RateLimiter[] limiters = set.limiters;
        RateLimiter.Result[] results = new RateLimiter.Result[limiters.length];
        String[] keys = new String[limiters.length];
        boolean refused = false;
        boolean storeDown = false;
        for (int i = 0; i < limiters.length; i++) {
            keys[i] = ctx.key(limiters[i].spec().by());
            results[i] = limiters[i].tryConsume(keys[i]);
            if (results[i].storeDown()) storeDown = true;
            else if (!results[i].admitted()) refused = true;
        }
        if (storeDown && shared.config().onFailure() == dev.warden.policy.model.RateLimitStoreConfig.OnFailure.DENY) {
            refund(limiters, keys, results);
            return new Admission(LIMITS_UNAVAILABLE, "deny:limits_unavailable", List.of("Retry-After", "1"), null, null);
        }
        if (refused) refund(limiters, keys, results);
        StringBuilder state = new StringBuilder();
        long retryAfter = 0;
        int tightest = -1;
        for (int i = 0; i < limiters.length; i++) {
            RateLimiter.Result r = results[i];
            if (r.storeDown()) continue; // onFailure: allow — nothing is known about this limit
            if (state.length() > 0) state.append(", ");
            state.append('"').append(limiters[i].name()).append("\";r=").append(r.remaining())
                    .append(";t=").append(r.admitted() ? r.resetSeconds() : r.retryAfterSeconds());
            if (!r.admitted()) retryAfter = Math.max(retryAfter, r.retryAfterSeconds());
            if (tightest < 0 || r.remaining() < results[tightest].remaining()) tightest = i;
        }
        if (state.length() > 0) headers.addAll(List.of("RateLimit-Policy", set.policyHeader, "RateLimit", state.toString()));
        if (legacyHeaders && tightest >= 0) {
            RateLimiter.Result r = results[tightest];
            headers.addAll(List.of("X-RateLimit-Limit", Long.toString(limiters[tightest].spec().limit()),
                    "X-RateLimit-Remaining", Long.toString(r.remaining()),
                    "X-RateLimit-Reset", Long.toString(r.admitted() ? r.resetSeconds() : r.retryAfterSeconds())));
        }
        if (!refused) return null;
        headers.addAll(List.of("Retry-After", Long.toString(retryAfter)));
        return new Admission(RATE_LIMITED, "deny:rate_limited", headers, null, null);
    }

    private static void refund(RateLimiter[] limiters, String[] keys, RateLimiter.Result[] results) {
        for (int i = 0; i < limiters.length; i++) {
            if (results[i].admitted() && !results[i].storeDown()) limiters[i].refund(keys[i]);
        }
    }

    /** Lets go of the shared store; its connections close once no policy's throttling uses them. */
    @Override
    public void close() {
        if (shared != null) shared.close();
    }
}
