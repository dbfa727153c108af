package dev.warden.runtime;

import dev.warden.policy.engine.Decider;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded version of the policy: its engine and how many requests it is deciding or serving. A request enters
 * the generation in force when it begins and exits when its response ends, so the engine of a replaced policy is
 * closed only once the requests it decided are done.
 */
final class PolicyGeneration {

    private final Decider decider;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** When it was replaced (System.nanoTime), set once by the thread that replaced it. */
    private volatile long retiredAt;

    PolicyGeneration(Decider decider) {
        this.decider = decider;
    }

    Decider decider() {
        return decider;
    }

    void enter() {
        inFlight.incrementAndGet();
    }

    /** A request that entered is done (its response ended, or it never got a scope). */
    void exit() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    void retired(long nanoTime) {
        retiredAt = nanoTime;
    }

    long retiredAt() {
        return retiredAt;
    }
}
