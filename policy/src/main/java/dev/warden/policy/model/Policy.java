package dev.warden.policy.model;

import java.util.List;

/**
 * A validated policy: immutable, safe to share between request threads.
 *
 * @param source          the file it came from, as given (for messages)
 * @param authentication  how each authentication method is configured
 * @param defaultAuth     authentication for routes that do not say otherwise
 * @param allowUnmatched  whether a request matching no route reaches the application
 * @param throttling      policy-wide limits, client address rules and the bucket store
 * @param tokenKeys       the tokenization keys, active first (empty: hash, tokenize and fpe are not available)
 * @param audit           where the audit log goes, or null for none
 * @param anomalies       per-client anomaly detection, or null for none
 * @param admin           Warden's own HTTP listener (metrics), or null for none
 * @param inventory       the API inventory, or null for none
 */
public record Policy(String source, Mode mode, List<Consumer> consumers, AuthenticationConfig authentication,
                     Authenticate defaultAuth, boolean allowUnmatched, List<Route> routes, Throttling throttling,
                     List<TokenKey> tokenKeys, AuditConfig audit, AnomalyConfig anomalies,
                     AdminConfig admin, InventoryConfig inventory) {

    public Policy {
        consumers = List.copyOf(consumers);
        routes = List.copyOf(routes);
        tokenKeys = List.copyOf(tokenKeys);
    }

    /** The header carrying API keys, or null when API keys are not configured. */
    public String apiKeyHeader() {
        return authentication.apiKeyHeader();
    }
}
