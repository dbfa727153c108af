package dev.warden.runtime;

import dev.warden.policy.engine.Decider;
import dev.warden.policy.model.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The policy in force, replaced atomically when the file is reloaded. A request decides with the generation in
 * force when it begins and keeps it to the end of its response (its masking plan, its concurrency slot), while new
 * requests take the new one. A replaced generation's engine is closed (its Redis connections let go; what the new
 * engine took over stays open) once its last request ended, or after {@link #GRACE} at the latest, since a
 * response that never reports its end must not keep it open forever.
 */
final class LivePolicy {

    static final Duration GRACE = Duration.ofSeconds(60);

    private volatile PolicyGeneration current;
    /** Replaced generations not closed yet; touched by the reloading thread only, under this lock. */
    private final List<PolicyGeneration> retiring = new ArrayList<>();

    LivePolicy(Decider first) {
        this.current = new PolicyGeneration(first);
    }

    /**
     * The generation in force, entered: the caller must {@link PolicyGeneration#exit()} it when the request ends.
     * A generation replaced between the read and the entry is left for the new one, so a replaced generation seen
     * with no request in flight can have none later.
     */
    PolicyGeneration enter() {
        while (true) {
            PolicyGeneration g = current;
            g.enter();
            if (g == current) return g;
            g.exit();
        }
    }

    Decider decider() {
        return current.decider();
    }

    Policy policy() {
        return current.decider().policy();
    }

    /** Puts {@code next} in force; the replaced generation retires. */
    synchronized void replace(Decider next) {
        PolicyGeneration old = current;
        current = new PolicyGeneration(next);
        old.retired(System.nanoTime());
        retiring.add(old);
    }

    /** Closes the replaced engines whose requests are done or whose grace period ran out; the rest wait. */
    synchronized void closeRetired(long nanoTime) {
        for (Iterator<PolicyGeneration> it = retiring.iterator(); it.hasNext(); ) {
            PolicyGeneration g = it.next();
            if (g.inFlight() > 0 && nanoTime - g.retiredAt() < GRACE.toNanos()) continue;
            it.remove();
            try {
                g.decider().close();
            } catch (RuntimeException e) {
                Log.warnOnce("retire:" + e.getClass().getName(), "closing a replaced policy's engine failed: " + e.getClass().getName());
            }
        }
    }

    /** How many replaced engines wait for their requests to end. */
    synchronized int retiringCount() {
        return retiring.size();
    }
}
