package dev.warden.policy.auth;

import dev.warden.policy.engine.RequestView;

/** One authentication method (apiKey, jwt, introspection, mtls). Thread-safe; never throws. */
public interface Authenticator {

    /** The method's name in a policy's {@code authenticate:} list. */
    String method();

    AuthResult authenticate(RequestView request);
}
