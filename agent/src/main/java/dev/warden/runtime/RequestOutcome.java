package dev.warden.runtime;

import dev.warden.inventory.ResponseSample;
import dev.warden.policy.engine.Decision;
import java.time.Instant;
import java.util.Map;

/**
 * What happened to one request, for everything that watches requests (audit log, metrics, anomaly detection,
 * inventory). Holds no secret: no credential, header, cookie, query, or body value.
 *
 * @param time          when the request arrived
 * @param decision      Warden's decision, or null when the request could not be decided (it was refused with a 500)
 * @param method        the HTTP method
 * @param rawPath       the path as received, without the query
 * @param clientIp      the client address after trusted proxies ("" when unknown)
 * @param status        the status the client got
 * @param latencyMicros from the decision to the end of the response
 * @param maskedByRule  values protected per field rule (label to count), only rules that acted
 * @param routeTemplate the framework's route template ({@code /api/customers/{id}}) where the server hook could read
 *                      it, else null
 * @param sample        the response's JSON as the application wrote it, when an observer sampled it, else null
 * @param clearCategories the sensitive categories (pan, email, ssn...) found in the response as it left, when it was
 *                      read (a sampled response, or every one with the audit's clearCategories: all), else null
 */
record RequestOutcome(Instant time, Decision decision, String method, String rawPath, String clientIp, int status,
                      long latencyMicros, Map<String, Integer> maskedByRule, String routeTemplate, ResponseSample sample,
                      java.util.Set<String> clearCategories) {

    RequestOutcome(Instant time, Decision decision, String method, String rawPath, String clientIp, int status,
                   long latencyMicros, Map<String, Integer> maskedByRule) {
        this(time, decision, method, rawPath, clientIp, status, latencyMicros, maskedByRule, null, null, null);
    }

    String consumerId() {
        return decision == null ? "anonymous" : decision.consumerId();
    }

    String routeId() {
        return decision == null ? "-" : decision.routeId();
    }

    /** allow, deny:REASON, would_deny:REASON (monitor mode), or deny:internal_error. */
    String reason() {
        return decision == null ? "deny:internal_error" : decision.reason();
    }
}
