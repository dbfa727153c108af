package dev.warden.policy.auth;

/**
 * What one authentication method made of one request.
 *
 * @param status   ABSENT: no credential of this kind was presented; OK: verified; INVALID: presented but rejected;
 *                 UNAVAILABLE: could not be checked because a dependency (JWKS, introspection) is down or slow —
 *                 the request is refused with 503, never let through (fail closed)
 * @param identity the verified identity when OK, else null
 * @param error    for INVALID bearer credentials the RFC 6750 error code ("invalid_token", "invalid_request"), else null
 */
public record AuthResult(Status status, Identity identity, String error) {

    public enum Status { ABSENT, OK, INVALID, UNAVAILABLE }

    public static final AuthResult ABSENT = new AuthResult(Status.ABSENT, null, null);

    public static AuthResult ok(Identity identity) {
        return new AuthResult(Status.OK, identity, null);
    }

    public static AuthResult invalid(String error) {
        return new AuthResult(Status.INVALID, null, error);
    }

    public static AuthResult unavailable() {
        return new AuthResult(Status.UNAVAILABLE, null, null);
    }
}
