package dev.warden.policy.model;

import java.util.List;

/**
 * What a limit counts by: one part ({@code by: consumer}) or several ({@code by: [consumer, ip]}), each naming a
 * property of the request. Callers that lack a part (anonymous, header absent) are counted by client address.
 */
public record LimitKey(List<Part> parts) {

    public enum Kind { CONSUMER, IP, ROUTE, HEADER, CLAIM, PARAM }

    /** @param name the header, claim path or parameter name for those kinds, else null */
    public record Part(Kind kind, String name) {
    }

    public static final LimitKey CONSUMER = new LimitKey(List.of(new Part(Kind.CONSUMER, null)));

    public LimitKey {
        parts = List.copyOf(parts);
    }

    /** As written in a policy: {@code consumer}, {@code header:X-Tenant}, {@code [consumer, ip]}. */
    public String describe() {
        List<String> names = parts.stream()
                .map(p -> p.kind.name().toLowerCase(java.util.Locale.ROOT) + (p.name == null ? "" : ":" + p.name)).toList();
        return names.size() == 1 ? names.get(0) : "[" + String.join(", ", names) + "]";
    }
}
