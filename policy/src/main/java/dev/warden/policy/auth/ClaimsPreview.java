package dev.warden.policy.auth;

import dev.warden.policy.model.Policy;
import java.util.Map;

/**
 * The identity a claim set would establish under a policy's JWT settings, without a token: for tools that show
 * what a caller would receive ({@code mask --claims FILE}). Never used to authenticate a request.
 */
public final class ClaimsPreview {

    private ClaimsPreview() {
    }

    /** Null when the claims name no consumer. */
    public static Identity identity(Policy policy, Map<?, ?> json) {
        JwtConfig jwt = policy.authentication().jwt();
        return Claims.identity(Claims.plain(json), jwt == null ? "sub" : jwt.consumerClaim(),
                jwt == null ? Map.of() : jwt.attributeClaims());
    }
}
