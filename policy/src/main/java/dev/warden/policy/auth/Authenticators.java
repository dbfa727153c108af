package dev.warden.policy.auth;

import dev.warden.policy.model.AuthenticationConfig;
import dev.warden.policy.model.Authenticate;
import dev.warden.policy.model.Policy;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The authenticators a policy configures, by method name. */
public final class Authenticators {

    private Authenticators() {
    }

    public static Map<String, Authenticator> forPolicy(Policy policy) {
        return forPolicy(policy, Clock.systemUTC());
    }

    /**
     * The authenticators of a reloaded policy: the JWT and introspection authenticators of the policy it replaces
     * are kept when their settings did not change, with their caches (a JWKS fetched once stays usable while the
     * identity provider is unreachable, as it would have without the reload). API keys and mTLS identities hold no
     * state and follow the new policy's consumers.
     */
    public static Map<String, Authenticator> succeeding(Policy policy, Policy previous,
                                                        Map<String, Authenticator> previousAuthenticators) {
        return build(policy, Clock.systemUTC(), previous.authentication(), previousAuthenticators);
    }

    public static Map<String, Authenticator> forPolicy(Policy policy, Clock clock) {
        return build(policy, clock, AuthenticationConfig.NONE, Map.of());
    }

    /** {@code kept}: authenticators configured as {@code before} says, taken over where the settings are equal. */
    private static Map<String, Authenticator> build(Policy policy, Clock clock, AuthenticationConfig before,
                                                    Map<String, Authenticator> kept) {
        AuthenticationConfig a = policy.authentication();
        Map<String, Authenticator> out = new LinkedHashMap<>();
        if (a.apiKeyHeader() != null) out.put(Authenticate.API_KEY, new ApiKeyAuthenticator(a.apiKeyHeader(), policy.consumers()));
        if (a.jwt() != null) {
            Authenticator same = a.jwt().equals(before.jwt()) ? kept.get(Authenticate.JWT) : null;
            out.put(Authenticate.JWT, same != null ? same : new JwtAuthenticator(a.jwt(), clock));
        }
        if (a.introspection() != null) {
            Authenticator same = a.introspection().equals(before.introspection()) ? kept.get(Authenticate.INTROSPECTION) : null;
            out.put(Authenticate.INTROSPECTION, same != null ? same : new IntrospectionAuthenticator(a.introspection(), clock));
        }
        if (!a.mtls().isEmpty()) out.put(Authenticate.MTLS, new MtlsAuthenticator(a.mtls()));
        return out;
    }
}
