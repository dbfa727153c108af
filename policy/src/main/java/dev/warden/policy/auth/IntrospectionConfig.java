package dev.warden.policy.auth;

import java.time.Duration;
import java.util.Map;

/**
 * {@code authentication.introspection} of a policy (RFC 7662).
 *
 * @param endpoint        the introspection endpoint URL
 * @param clientId        client credentials for HTTP Basic authentication to the endpoint (resolved from ${env:...})
 * @param clientSecret    idem
 * @param cacheTtl        an active result is cached no longer than this, and never past the token's exp
 * @param inactiveCacheTtl an inactive (or unknown) token's result is cached this long: briefly, so a flood of bad
 *                        tokens does not become a flood of introspection calls
 * @param timeout         bound on one introspection call; beyond it the request is refused with 503
 * @param consumerClaim   the response member naming the consumer (default sub; client_id and username also common)
 * @param attributeClaims consumer attribute name to response member path
 */
public record IntrospectionConfig(String endpoint, String clientId, String clientSecret, Duration cacheTtl,
                                  Duration inactiveCacheTtl, Duration timeout, String consumerClaim,
                                  Map<String, String> attributeClaims) {

    public IntrospectionConfig {
        attributeClaims = Map.copyOf(attributeClaims);
    }
}
