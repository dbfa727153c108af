package dev.warden.inventory;

import java.time.Instant;
import java.util.List;

/**
 * One finished request, as the inventory needs it. Holds no secret: no credential, header, query or body value.
 *
 * @param time        when the request arrived
 * @param method      the HTTP method
 * @param rawPath     the path as received, without the query
 * @param template    the framework's route template (e.g. Spring's best-matching pattern), or null when the server
 *                    hook could not read one
 * @param routeId     the policy route that matched, or null when none did
 * @param authMethods the authentication methods that established the caller (empty: anonymous)
 * @param served      whether the application handled it (false: Warden answered instead)
 * @param decision    allow, deny:REASON or would_deny:REASON
 * @param status      the status the client got
 * @param sample      the response's sampled shape, or null when it was not sampled
 */
public record Observation(Instant time, String method, String rawPath, String template, String routeId,
                          List<String> authMethods, boolean served, String decision, int status, ResponseSample sample) {
}
