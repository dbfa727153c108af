package dev.warden.policy.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A known caller. {@code apiKeyHashes} are the raw SHA-256 digests of its keys: the policy never holds a key itself.
 * {@code attributes} are free-form values exposed to CEL as {@code consumer.attributes}.
 */
public record Consumer(String id, List<byte[]> apiKeyHashes, Map<String, Object> attributes) {

    public Consumer {
        apiKeyHashes = List.copyOf(apiKeyHashes);
        // not Map.copyOf: attribute values may be null (an empty YAML value)
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
