package dev.warden.testapp.micronaut;

import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the requests that actually reached one of the app's handlers.
 *
 * <p>Tests compare it with the number of requests they sent to tell how many the agent stopped
 * before the application saw them (rejected, throttled). Controller methods call {@link #increment()}
 * themselves, first thing, rather than an HTTP filter doing it, so that only requests that got all
 * the way into application code are counted.
 */
@Singleton
public class HandledCounter {

    private final AtomicLong handled = new AtomicLong();

    public void increment() {
        handled.incrementAndGet();
    }

    public long get() {
        return handled.get();
    }
}
