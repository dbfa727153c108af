package dev.warden.policy.model;

import dev.warden.policy.auth.IntrospectionConfig;
import dev.warden.policy.auth.JwtConfig;
import dev.warden.policy.auth.MtlsIdentity;
import java.util.List;

/**
 * The policy's {@code authentication:} section: how each method is configured (null or empty when not used) and
 * what the application gets to see of credentials and identity.
 *
 * @param apiKeyHeader    the header carrying API keys, or null
 * @param mtls            certificate-to-consumer mappings, empty when mTLS is not configured
 * @param hideCredentials remove the credential headers (API key, Authorization) before the application sees them
 * @param forwardHeader   header that carries the consumer id to the application (e.g. X-Warden-Consumer), or null;
 *                        incoming headers starting with it are always stripped so clients cannot forge them
 * @param forwardAttributes consumer attributes forwarded as {@code <forwardHeader>-<Attribute>} headers
 */
public record AuthenticationConfig(String apiKeyHeader, JwtConfig jwt, IntrospectionConfig introspection,
                                   List<MtlsIdentity> mtls, boolean hideCredentials, String forwardHeader,
                                   List<String> forwardAttributes) {

    public static final AuthenticationConfig NONE = new AuthenticationConfig(null, null, null, List.of(), false, null, List.of());

    public AuthenticationConfig {
        mtls = List.copyOf(mtls);
        forwardAttributes = List.copyOf(forwardAttributes);
    }

    /** The methods this policy configures, which routes may then name. */
    public List<String> configuredMethods() {
        List<String> out = new java.util.ArrayList<>();
        if (apiKeyHeader != null) out.add(Authenticate.API_KEY);
        if (jwt != null) out.add(Authenticate.JWT);
        if (introspection != null) out.add(Authenticate.INTROSPECTION);
        if (!mtls.isEmpty()) out.add(Authenticate.MTLS);
        return out;
    }
}
