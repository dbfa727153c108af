package dev.warden.inventory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * One endpoint of the inventory, as exported.
 *
 * @param method         the HTTP method
 * @param path           the path template ({@code /api/customers/{id}})
 * @param fromFramework  whether the template is the framework's own (false: ids collapsed from request paths)
 * @param calls          requests seen, served or not
 * @param served         requests the application handled
 * @param denials        requests Warden refused (or would have, in monitor mode), by decision ({@code deny:...})
 * @param responses      answers by status
 * @param auth           the authentication methods of the callers it served ({@code none}: anonymous)
 * @param routes         the policy routes its requests matched
 * @param covered        whether the latest request matched a policy route (false: a shadow endpoint)
 * @param firstSeen      the first request
 * @param lastSeen       the latest request
 */
public record EndpointView(String method, String path, boolean fromFramework, long calls, long served,
                           Map<String, Long> denials, SortedMap<Integer, ResponseView> responses, Set<String> auth,
                           Set<String> routes, boolean covered, Instant firstSeen, Instant lastSeen) {

    /** "GET /api/customers/{id}". */
    public String key() {
        return method + " " + path;
    }

    /** Served by the application without any policy route covering it. */
    public boolean shadow() {
        return !covered;
    }

    /** Requests Warden refused ({@code deny:*}; a monitor mode's {@code would_deny:*} were served). */
    public long denied() {
        long n = 0;
        for (Map.Entry<String, Long> d : denials.entrySet()) if (d.getKey().startsWith("deny:")) n += d.getValue();
        return n;
    }

    /** Every sensitive place across statuses: field path to categories. */
    public Map<String, Set<String>> sensitive() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (ResponseView r : responses.values()) {
            if (r.shape() == null) continue;
            r.shape().sensitive().forEach((path, cats) -> out.computeIfAbsent(path, p -> new TreeSet<>()).addAll(cats));
        }
        return out;
    }

    /** Every field path across statuses, with the types seen. */
    public Map<String, Set<String>> fields() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (ResponseView r : responses.values()) {
            if (r.shape() == null) continue;
            for (ShapeView.Field f : r.shape().fields()) {
                out.computeIfAbsent(f.path(), p -> new TreeSet<>()).addAll(f.types());
            }
        }
        return out;
    }

    /** Whether some sampled body was read only in part or had more places than are kept. */
    public boolean shapeTruncated() {
        for (ResponseView r : responses.values()) if (r.shape() != null && r.shape().truncated()) return true;
        return false;
    }
}
