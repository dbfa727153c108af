package dev.warden.policy.engine;

import dev.warden.policy.auth.Identity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who made a request, once authentication is done: the consumer id and attributes (the policy's consumer merged
 * with what the credentials said), the token's claims and scopes, the certificate facts, and the methods that
 * established it (for the audit).
 */
public record Caller(String id, Map<String, Object> attributes, Map<String, Object> claims, Set<String> scopes,
                     Map<String, Object> cert, List<String> methods) {

    public static final Caller ANONYMOUS = new Caller("anonymous", Map.of(), Map.of(), Set.of(), Map.of(), List.of());

    static Caller of(Identity identity, String method) {
        return new Caller(identity.consumerId(), identity.attributes(), identity.claims(), identity.scopes(),
                identity.cert(), List.of(method));
    }

    @SuppressWarnings("unchecked")
    public List<String> roles() {
        Object roles = attributes.get("roles");
        if (roles instanceof List<?> list) return (List<String>) (List<?>) list.stream().map(String::valueOf).toList();
        return roles == null ? List.of() : List.of(String.valueOf(roles));
    }
}
