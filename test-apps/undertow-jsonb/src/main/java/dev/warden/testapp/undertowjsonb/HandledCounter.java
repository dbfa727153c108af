package dev.warden.testapp.undertowjsonb;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the requests that actually reached one of the app's handlers.
 *
 * <p>Tests compare it with the number of requests they sent to tell how many the agent stopped
 * before the application saw them (rejected, throttled). Handlers call {@link #increment()}
 * themselves, first thing once their route and parameters are known (as spring-mvc's controller
 * methods do), rather than the router doing it, so that only requests that got all the way
 * into application code are counted.
 */
public final class HandledCounter {

    private final AtomicLong handled = new AtomicLong();

    public void increment() {
        handled.incrementAndGet();
    }

    public long get() {
        return handled.get();
    }
}
