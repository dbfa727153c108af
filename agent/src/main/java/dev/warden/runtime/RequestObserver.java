package dev.warden.runtime;

import dev.warden.inventory.ResponseSample;

/**
 * Watches finished requests. Called on the thread that finished the response, so an observer must not block or
 * throw (the audit log hands off to its own thread; counters are atomic).
 */
interface RequestObserver {

    void ended(RequestOutcome outcome);

    /**
     * Asked as a request the application will serve begins: an observer that wants to read this response's JSON as
     * the application writes it (before masking) returns the sample to fill, which comes back in the outcome. Null
     * for most requests: reading a body costs, so an observer samples a few.
     */
    default ResponseSample sampleResponse(String method, String rawPath) {
        return null;
    }

    /** Whether this observer wants every JSON response read as it leaves, for the categories it carries in clear. */
    default boolean readsEveryResponseLeaving() {
        return false;
    }
}
