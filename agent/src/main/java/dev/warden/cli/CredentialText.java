package dev.warden.cli;

import dev.warden.policy.auth.AuthResult;
import dev.warden.policy.model.Authenticate;
import dev.warden.policy.model.Policy;

/**
 * What one authentication method made of the credentials given to {@code explain}, in words. Says why a credential
 * failed only as far as the authenticator tells (an API key matches no hash; a token is not valid), and never
 * repeats a credential.
 */
final class CredentialText {

    private CredentialText() {
    }

    static String describe(Policy policy, String method, AuthResult result) {
        return switch (result.status()) {
            case OK -> "authenticates consumer '" + result.identity().consumerId() + "'";
            case ABSENT -> "no credential given (" + where(policy, method) + ")";
            case UNAVAILABLE -> "cannot be checked now (its key set or introspection endpoint did not answer):"
                    + " the agent would answer 503";
            case INVALID -> invalid(policy, method, result.error());
        };
    }

    private static String where(Policy policy, String method) {
        return switch (method) {
            case Authenticate.API_KEY -> "no " + policy.apiKeyHeader() + " header";
            case Authenticate.MTLS -> "no client certificate; see --cert";
            default -> "no Authorization: Bearer token";
        };
    }

    private static String invalid(Policy policy, String method, String error) {
        boolean ambiguous = "invalid_request".equals(error);
        return switch (method) {
            case Authenticate.API_KEY -> ambiguous ? "the " + policy.apiKeyHeader() + " header is given more than once"
                    : "the " + policy.apiKeyHeader() + " value matches none of the policy's key hashes";
            case Authenticate.MTLS -> "the client certificate maps to no consumer of the policy";
            case Authenticate.INTROSPECTION -> ambiguous ? "the bearer token is ambiguous (two Authorization headers,"
                    + " a token also in the query, or not one word)" : "the identity provider says the token is not active";
            default -> ambiguous ? "the bearer token is ambiguous (two Authorization headers, a token also in the query,"
                    + " or not one word)" : "the token is not valid (signature, algorithm, issuer, audience, expiry or"
                    + " lifetime: the agent does not tell which)";
        };
    }
}
