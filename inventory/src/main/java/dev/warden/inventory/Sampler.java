package dev.warden.inventory;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which responses have their JSON shape read: the first few per endpoint (method and path with ids collapsed, the
 * only name an endpoint has before the application answered), so the cost is paid a few times per endpoint, not per
 * request. While an endpoint has answered no sampled 2xx yet (only errors, say), a few more are taken.
 */
final class Sampler {

    /** Endpoints that can still be sampled at most; past it, new ones are not (the inventory still counts them). */
    static final int MAX_KEYS = 4096;
    /** Sampled responses per endpoint at most while none was a success. */
    static final int MAX_TRIES = 20;

    private final int samples;
    private final ConcurrentHashMap<String, Budget> budgets = new ConcurrentHashMap<>();

    private static final class Budget {
        final AtomicInteger taken = new AtomicInteger();
        volatile boolean succeeded;
    }

    /** @param samples responses sampled per endpoint (0: none) */
    Sampler(int samples) {
        this.samples = samples;
    }

    /** A sample for this response, or null (most responses). */
    ResponseSample begin(String method, String rawPath) {
        if (samples == 0) return null;
        String key = method + ' ' + EndpointTemplates.collapse(rawPath);
        Budget budget = budgets.get(key);
        if (budget == null) {
            if (budgets.size() >= MAX_KEYS) return null;
            budget = budgets.computeIfAbsent(key, k -> new Budget());
        }
        while (true) {
            int taken = budget.taken.get();
            int limit = budget.succeeded ? samples : Math.max(samples, MAX_TRIES);
            if (taken >= limit) return null;
            if (budget.taken.compareAndSet(taken, taken + 1)) return new ResponseSample(key);
        }
    }

    /** A sampled response ended with this status: a success stops the extra tries. */
    void ended(ResponseSample sample, int status) {
        if (status < 200 || status > 299) return;
        Budget budget = budgets.get(sample.key());
        if (budget != null) budget.succeeded = true;
    }
}
