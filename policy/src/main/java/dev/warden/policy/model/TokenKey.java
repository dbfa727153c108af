package dev.warden.policy.model;

/** One tokenization key: its id (for rotation) and its secret (from the environment or a file, never inline). */
public record TokenKey(String id, byte[] secret) {

    @Override
    public String toString() {
        return "TokenKey[" + id + "]"; // never the secret
    }
}
