package dev.warden.policy.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The stateful parts of one policy's throttling (rate limiters with their buckets, data budgets, concurrency caps),
 * each under a key that says where the policy defines it ({@code [route, ID, N]}, {@code [global, N]}...). When the policy
 * is reloaded, the new throttling takes over every part defined at the same place with the same settings, so a
 * caller keeps its remaining tokens, its spent budget and its requests in flight; a part whose settings changed,
 * or that is new, starts fresh. Keys are structural (lists) rather than the limit names, which two places could share.
 */
final class ThrottleState {

    private record Held(Object settings, Object part) {
    }

    private final Map<List<?>, Held> parts = new HashMap<>();

    /**
     * The part at {@code key}: {@code previous}'s when it held one there with equal {@code settings}, else a fresh one
     * from {@code create}. Either way this state holds it from now on.
     *
     * @param previous the state of the policy being replaced, or null for a policy loaded fresh
     */
    <T> T take(ThrottleState previous, List<?> key, Object settings, Class<T> type, Supplier<T> create) {
        T part = previous == null ? null : previous.held(key, settings, type);
        if (part == null) part = create.get();
        parts.put(key, new Held(settings, part));
        return part;
    }

    private <T> T held(List<?> key, Object settings, Class<T> type) {
        Held h = parts.get(key);
        return h != null && Objects.equals(h.settings, settings) && type.isInstance(h.part) ? type.cast(h.part) : null;
    }
}
