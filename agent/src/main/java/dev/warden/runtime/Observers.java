package dev.warden.runtime;

import dev.warden.inventory.ResponseSample;
import java.util.List;

/** Every observer of finished requests, called in turn; one that throws does not stop the others or the request. */
final class Observers {

    private final List<RequestObserver> all;
    /** Fixed when the observers are: asked for every request, so worked out once. */
    private final boolean readEveryResponseLeaving;

    Observers(List<RequestObserver> all) {
        this.all = List.copyOf(all);
        boolean every = false;
        for (RequestObserver o : this.all) every |= o.readsEveryResponseLeaving();
        this.readEveryResponseLeaving = every;
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    /** Whether some observer wants every JSON response read as it leaves (see {@link RequestObserver}). */
    boolean readEveryResponseLeaving() {
        return readEveryResponseLeaving;
    }

    /** The first sample an observer asks for, or null (see {@link RequestObserver#sampleResponse}). */
    ResponseSample sampleResponse(String method, String rawPath) {
        for (RequestObserver o : all) {
            try {
                ResponseSample sample = o.sampleResponse(method, rawPath);
                if (sample != null) return sample;
            } catch (RuntimeException e) {
                Log.warnOnce("observer:" + o.getClass().getName(), "a request observer failed: " + e.getClass().getName());
            }
        }
        return null;
    }

    void ended(RequestOutcome outcome) {
        for (RequestObserver o : all) {
            try {
                o.ended(outcome);
            } catch (RuntimeException e) {
                Log.warnOnce("observer:" + o.getClass().getName(), "a request observer failed: " + e.getClass().getName());
            }
        }
    }
}
