package dev.warden.policy.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code authentication.jwt} of a policy.
 *
 * @param issuer          required exact {@code iss}
 * @param audiences       the token's {@code aud} must contain at least one of these
 * @param jwks            where the verification keys are: an http(s) URL or {@code file:/path}; null when {@code secret} is used
 * @param secret          the HMAC secret for HS* algorithms (already resolved from ${env:...}); null when {@code jwks} is used
 * @param algorithms      the allowlist (never contains "none")
 * @param clockSkew       tolerance for exp/nbf/iat
 * @param maxLifetime     the longest exp - iat accepted
 * @param consumerClaim   the claim naming the consumer (default sub)
 * @param attributeClaims consumer attribute name to claim path (dot separated, e.g. realm_access.roles)
 * @param jwksCacheTtl    how long fetched keys are used before a refresh (refreshed ahead of expiry)
 * @param jwksTimeout     connect+read timeout for one JWKS fetch
 * @param jwksMinRefetchInterval the least time between two fetches triggered by unknown key ids
 */
public record JwtConfig(String issuer, List<String> audiences, String jwks, String secret, List<String> algorithms,
                        Duration clockSkew, Duration maxLifetime, String consumerClaim,
                        Map<String, String> attributeClaims, Duration jwksCacheTtl, Duration jwksTimeout,
                        Duration jwksMinRefetchInterval) {

    public JwtConfig {
        audiences = List.copyOf(audiences);
        algorithms = List.copyOf(algorithms);
        attributeClaims = Map.copyOf(attributeClaims);
    }
}
