package dev.warden.runtime;

/**
 * Watches finished requests. Called on the thread that finished the response, so an observer must not block or
 * throw (the audit log hands off to its own thread; counters are atomic).
 */
interface RequestObserver {

    void ended(RequestOutcome outcome);
}
