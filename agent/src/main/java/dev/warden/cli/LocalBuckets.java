package dev.warden.cli;

import dev.warden.policy.model.Policy;
import dev.warden.policy.model.RateLimitStoreConfig;
import dev.warden.policy.model.Throttling;
import java.lang.reflect.RecordComponent;

/**
 * A policy whose rate-limit buckets and data budgets live in this process only. A preview must never connect to
 * the shared Redis store of a production policy, let alone take tokens from its buckets.
 */
final class LocalBuckets {

    private LocalBuckets() {
    }

    static Policy of(Policy policy) {
        Throttling throttling = policy.throttling();
        if (throttling.store() == null) return policy;
        return with(policy, Throttling.class, with(throttling, RateLimitStoreConfig.class, null));
    }

    /**
     * A copy of {@code record} with the component of type {@code type} replaced. Generic over the components, so a
     * component added to the policy model later is carried over without this class knowing it.
     */
    @SuppressWarnings("unchecked")
    private static <R extends Record> R with(R record, Class<?> type, Object value) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = types[i] == type ? value : components[i].getAccessor().invoke(record);
            }
            return (R) record.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + record.getClass().getSimpleName(), e);
        }
    }
}
