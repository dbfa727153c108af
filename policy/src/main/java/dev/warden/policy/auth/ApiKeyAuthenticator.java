package dev.warden.policy.auth;

import dev.warden.policy.engine.RequestView;
import dev.warden.policy.model.Consumer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * API keys: finds the consumer owning a presented key by the key's SHA-256. Every stored hash is compared, in
 * constant time, whatever matches: the time taken says nothing about which hash, or how much of one, matched.
 */
public final class ApiKeyAuthenticator implements Authenticator {

    private final String header;
    private final byte[][] hashes;
    /** One identity per key, built once: a request allocates nothing here beyond the digest. */
    private final AuthResult[] results;

    public ApiKeyAuthenticator(String header, List<Consumer> consumers) {
        this.header = header;
        int n = consumers.stream().mapToInt(c -> c.apiKeyHashes().size()).sum();
        hashes = new byte[n][];
        results = new AuthResult[n];
        int i = 0;
        for (Consumer c : consumers) {
            AuthResult ok = AuthResult.ok(new Identity(c.id(), c.attributes(), Map.of(), Set.of(), Map.of()));
            for (byte[] h : c.apiKeyHashes()) {
                hashes[i] = h;
                results[i] = ok;
                i++;
            }
        }
    }

    @Override
    public String method() {
        return "apiKey";
    }

    @Override
    public AuthResult authenticate(RequestView request) {
        List<String> keys = request.headers(header);
        if (keys.isEmpty()) return AuthResult.ABSENT;
        if (keys.size() > 1) return AuthResult.invalid("invalid_request");
        AuthResult found = null;
        byte[] digest = sha256(keys.get(0));
        for (int i = 0; i < hashes.length; i++) {
            if (MessageDigest.isEqual(digest, hashes[i]) && found == null) found = results[i];
        }
        return found == null ? AuthResult.invalid(null) : found;
    }

    private static final MessageDigest PROTOTYPE;

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static byte[] sha256(String key) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) PROTOTYPE.clone(); // cheaper than a provider lookup per request
        } catch (CloneNotSupportedException e) {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return digest.digest(key.getBytes(StandardCharsets.UTF_8));
    }
}
