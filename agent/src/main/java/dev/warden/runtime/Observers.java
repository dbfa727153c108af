package dev.warden.runtime;

import java.util.List;

/** Every observer of finished requests, called in turn; one that throws does not stop the others or the request. */
final class Observers {

    private final List<RequestObserver> all;

    Observers(List<RequestObserver> all) {
        this.all = List.copyOf(all);
    }

    boolean isEmpty() {
        return all.isEmpty();
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
