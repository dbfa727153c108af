package dev.warden.policy.engine;

import dev.warden.policy.mask.MaskPlan;
import dev.warden.policy.model.Route;
import java.util.List;

/**
 * The engine's answer for one request.
 *
 * @param caller        who the request is from ({@link Caller#ANONYMOUS} when unauthenticated)
 * @param problem       set when the request is denied, or would have been in monitor mode
 * @param enforced      true when {@code problem} must be sent instead of calling the application
 * @param reason        audit reason: allow, deny:unauthenticated, deny:forbidden, deny:rate_limited, deny:not_found,
 *                      deny:bad_request, deny:unavailable, deny:concurrency, deny:data_budget, deny:limits_unavailable; in monitor mode the would-be denial is {@code would_deny:*}
 * @param headers       name/value pairs to add to the response (challenges, Retry-After, RateLimit fields)
 * @param maskPlan      the field rules for the response body, or null when nothing is to be masked
 * @param requestEdits  changes to the request headers the application sees
 * @param completion    to run once when the response is complete, however it ended (frees a concurrency slot), or null
 */
public record Decision(Route route, Caller caller, Problem problem, boolean enforced, String reason,
                       List<String> headers, MaskPlan maskPlan, RequestEdits requestEdits, Runnable completion) {

    public Decision {
        headers = List.copyOf(headers);
    }

    /** The response is complete: frees what the request held. Never throws. */
    public void complete() {
        if (completion == null) return;
        try {
            completion.run();
        } catch (RuntimeException e) {
            // releasing a slot cannot fail; if it ever did, the response must still complete
        }
    }

    public boolean denied() {
        return problem != null && enforced;
    }

    public String routeId() {
        return route == null ? "-" : route.id();
    }

    /** The caller (kept under this name for readability at call sites: decision.consumer().id()). */
    public Caller consumer() {
        return caller;
    }

    public String consumerId() {
        return caller == null ? "anonymous" : caller.id();
    }
}
