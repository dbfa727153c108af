package dev.warden.runtime;

import java.util.concurrent.atomic.AtomicLong;

/** How policy reloads went since start: read by the metrics, written by the policy watcher. */
final class PolicyReloads {

    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    void succeeded() {
        succeeded.incrementAndGet();
    }

    void failed() {
        failed.incrementAndGet();
    }

    long succeededCount() {
        return succeeded.get();
    }

    long failedCount() {
        return failed.get();
    }
}
