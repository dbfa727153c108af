package dev.warden.policy.engine;

import dev.warden.policy.mask.MaskPlan;
import dev.warden.policy.model.Consumer;
import dev.warden.policy.model.Route;
import java.util.List;

/**
 * The engine's answer for one request.
 *
 * @param problem       set when the request is denied, or would have been in monitor mode
 * @param enforced      true when {@code problem} must be sent instead of calling the application
 * @param reason        audit reason: allow, deny:unauthenticated, deny:forbidden, deny:rate_limited, deny:not_found,
 *                      deny:bad_request; in monitor mode the would-be denial is {@code would_deny:*}
 * @param headers       name/value pairs to add to the response (challenges, Retry-After, RateLimit fields)
 * @param maskPlan      the field rules for the response body, or null when nothing is to be masked
 */
public record Decision(Route route, Consumer consumer, Problem problem, boolean enforced, String reason,
                       List<String> headers, MaskPlan maskPlan) {

    public Decision {
        headers = List.copyOf(headers);
    }

    public boolean denied() {
        return problem != null && enforced;
    }

    public String routeId() {
        return route == null ? "-" : route.id();
    }

    public String consumerId() {
        return consumer == null ? "anonymous" : consumer.id();
    }
}
