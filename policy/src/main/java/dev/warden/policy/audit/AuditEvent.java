package dev.warden.policy.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One request as the audit log records it. Holds no secret by construction: no credential, header, cookie, query or
 * body value, only what Warden decided and counted.
 *
 * @param time            when the request arrived
 * @param consumer        the consumer id, or {@code anonymous}
 * @param authMethods     the methods that authenticated it (apiKey, jwt, introspection, mtls), empty when none
 * @param clientIp        the client address (after trusted proxies)
 * @param method          the HTTP method
 * @param route           the policy route id, or {@code -} when none matched
 * @param path            the path with ids collapsed ({@code /api/customers/{id}}), never the query
 * @param status          the status the client got
 * @param decision        allow, deny:REASON, or would_deny:REASON in monitor mode
 * @param masked          values protected per field rule of the route (rule label to count), only rules that acted
 * @param clear           sensitive categories (pan, email, ssn...) found in the response as it left, or null when
 *                        the response was not read
 * @param latencyMicros   from the decision to the end of the response
 */
public record AuditEvent(Instant time, String consumer, List<String> authMethods, String clientIp, String method,
                         String route, String path, int status, String decision, Map<String, Integer> masked,
                         Set<String> clear, long latencyMicros) {

    public AuditEvent {
        authMethods = List.copyOf(authMethods);
        masked = Map.copyOf(masked);
        clear = clear == null ? null : new TreeSet<>(clear);
    }
}
