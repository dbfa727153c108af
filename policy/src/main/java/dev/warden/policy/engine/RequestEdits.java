package dev.warden.policy.engine;

import java.util.List;

/**
 * Changes to the request headers the application will see: credentials hidden, identity forwarded, and any
 * incoming header starting with {@code stripPrefix} removed so a client cannot forge Warden's identity headers.
 *
 * @param remove      header names to remove (case-insensitive)
 * @param stripPrefix remove every header whose name starts with this (case-insensitive), or null
 * @param add         name/value pairs to add
 */
public record RequestEdits(List<String> remove, String stripPrefix, List<String> add) {

    public static final RequestEdits NONE = new RequestEdits(List.of(), null, List.of());

    public RequestEdits {
        remove = List.copyOf(remove);
        add = List.copyOf(add);
    }

    public boolean isEmpty() {
        return remove.isEmpty() && stripPrefix == null && add.isEmpty();
    }
}
