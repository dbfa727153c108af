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

    public static Map<String, Authenticator> forPolicy(Policy policy, Clock clock) {
        AuthenticationConfig a = policy.authentication();
        Map<String, Authenticator> out = new LinkedHashMap<>();
        if (a.apiKeyHeader() != null) out.put(Authenticate.API_KEY, new ApiKeyAuthenticator(a.apiKeyHeader(), policy.consumers()));
        if (a.jwt() != null) out.put(Authenticate.JWT, new JwtAuthenticator(a.jwt(), clock));
        if (a.introspection() != null) out.put(Authenticate.INTROSPECTION, new IntrospectionAuthenticator(a.introspection(), clock));
        if (!a.mtls().isEmpty()) out.put(Authenticate.MTLS, new MtlsAuthenticator(a.mtls()));
        return out;
    }
}
