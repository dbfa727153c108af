package dev.warden.testapp.webflux;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Counts the requests that actually reached one of the app's handlers.
 *
 * <p>Tests compare it with the number of requests they sent to tell how many the agent stopped
 * before the application saw them (rejected, throttled). Handlers call {@link #increment()}
 * themselves, first thing, rather than a WebFilter doing it, so that only
 * requests that got all the way into application code are counted.
 */
@Component
public class HandledCounter {

    private final AtomicLong handled = new AtomicLong();

    public void increment() {
        handled.incrementAndGet();
    }

    public long get() {
        return handled.get();
    }
}
