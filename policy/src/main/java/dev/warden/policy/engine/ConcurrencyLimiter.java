package dev.warden.policy.engine;

import dev.warden.policy.model.ConcurrencySpec;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code maxConcurrent}: requests in flight per key on one route. The excess is refused at once (no queue); a
 * permit is released when the response completes, whatever ended it. Only keys with requests in flight are held,
 * so memory is bounded by the server's own concurrency. Per instance: it protects this instance's resources.
 */
final class ConcurrencyLimiter {

    /** Releases one slot, once, however often it is called. */
    static final class Permit implements Runnable {
        private final ConcurrencyLimiter owner;
        private final String key;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(ConcurrencyLimiter owner, String key) {
            this.owner = owner;
            this.key = key;
        }

        @Override
        public void run() {
            if (released.compareAndSet(false, true)) {
                owner.inFlight.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    private final ConcurrencySpec spec;
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    ConcurrencyLimiter(ConcurrencySpec spec) {
        this.spec = spec;
    }

    ConcurrencySpec spec() {
        return spec;
    }

    /** A permit to release when the response completes, or null when {@code key} has all its slots in use. */
    Permit tryAcquire(String key) {
        boolean[] acquired = new boolean[1];
        inFlight.compute(key, (k, n) -> {
            int current = n == null ? 0 : n;
            if (current >= spec.max()) return n;
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0] ? new Permit(this, key) : null;
    }

    int inFlight(String key) {
        return inFlight.getOrDefault(key, 0);
    }
}
