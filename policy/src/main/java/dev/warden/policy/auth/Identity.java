package dev.warden.policy.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A verified caller as one method established it.
 *
 * @param consumerId the consumer id (API key owner, the JWT's consumerClaim, the certificate's mapped consumer)
 * @param attributes consumer attributes (from the policy's consumer and/or mapped claims), exposed to CEL
 * @param claims     the token's claims (JWT or introspection response); empty for other methods
 * @param scopes     scopes from {@code scope} (space-separated) or {@code scp} (array); empty when none
 * @param cert       certificate facts for mTLS (subject, sans, sha256); empty for other methods
 */
public record Identity(String consumerId, Map<String, Object> attributes, Map<String, Object> claims,
                       Set<String> scopes, Map<String, Object> cert) {

    public Identity {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
        cert = Collections.unmodifiableMap(new LinkedHashMap<>(cert));
    }
}
