package dev.warden.policy.engine;

import dev.warden.policy.model.Consumer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Finds the consumer owning a presented API key by the key's SHA-256. Every stored hash is compared, in constant
 * time, whatever matches: the time taken says nothing about which hash, or how much of one, matched.
 */
final class ApiKeyAuthenticator {

    private final byte[][] hashes;
    private final Consumer[] owners;

    ApiKeyAuthenticator(List<Consumer> consumers) {
        int n = consumers.stream().mapToInt(c -> c.apiKeyHashes().size()).sum();
        hashes = new byte[n][];
        owners = new Consumer[n];
        int i = 0;
        for (Consumer c : consumers) {
            for (byte[] h : c.apiKeyHashes()) {
                hashes[i] = h;
                owners[i++] = c;
            }
        }
    }

    /** The owner of the key, or null. */
    Consumer authenticate(String presentedKey) {
        byte[] digest = sha256(presentedKey);
        Consumer found = null;
        for (int i = 0; i < hashes.length; i++) {
            if (MessageDigest.isEqual(digest, hashes[i]) && found == null) found = owners[i];
        }
        return found;
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
