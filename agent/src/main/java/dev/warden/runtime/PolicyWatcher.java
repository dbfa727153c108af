package dev.warden.runtime;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * Watches the policy file by polling (every {@link #INTERVAL_MILLIS} ms, from one daemon thread): polling works the
 * same on every file system, through bind mounts and network shares, and whether an editor rewrites the file in
 * place or replaces it; a WatchService does not. Each poll reads the file's stamp; the content is read and hashed
 * when the stamp moved, and every {@link #REREAD_EVERY} polls regardless (a same-size edit within the file system's
 * timestamp resolution keeps the stamp). A new content is handed over once two polls in a row read the same bytes,
 * so a file caught half-written is never loaded. Not thread-safe: one thread polls.
 */
final class PolicyWatcher {

    static final long INTERVAL_MILLIS = 250;
    static final int REREAD_EVERY = 8;

    /** What the watcher reports. Called on the polling thread; a listener that throws is reported once. */
    interface Listener {
        /** A new version of the file, settled: the same bytes at two polls in a row. */
        void changed(byte[] content);

        /** The file is gone or cannot be read; reported once until it is back. {@code why}: a class name, no path. */
        void unavailable(String why);

        /** The file can be read again (a change, if any, follows once it settles). */
        void available();
    }

    private final PolicyFile file;
    private final Listener listener;
    private PolicyFile.Stamp stamp;
    /** The digest of the content last handed over (or loaded at start). */
    private String current;
    /** A new digest seen once, waiting for the next poll to confirm it. */
    private String pending;
    private boolean unavailable;
    private int pollsSinceRead;

    /**
     * @param baseline the version loaded at start, or null. Take it before the policy is loaded: a change made in
     *                 between is then seen as a change (and loaded again), never missed.
     */
    PolicyWatcher(PolicyFile file, PolicyFile.Version baseline, Listener listener) {
        this.file = file;
        this.listener = listener;
        this.stamp = baseline == null ? null : baseline.stamp();
        this.current = baseline == null ? null : baseline.sha256();
    }

    void poll() {
        PolicyFile.Stamp now;
        PolicyFile.Content content;
        try {
            now = file.stamp();
            if (!unavailable && pending == null && now.equals(stamp) && ++pollsSinceRead < REREAD_EVERY) return;
            content = file.read();
        } catch (IOException e) {
            if (!unavailable) {
                unavailable = true;
                listener.unavailable(describe(e));
            }
            return;
        }
        pollsSinceRead = 0;
        stamp = now; // read before the content: a write after it moves the stamp again and is read at the next poll
        if (unavailable) {
            unavailable = false;
            listener.available();
        }
        if (content.sha256().equals(current)) {
            pending = null;
        } else if (!content.sha256().equals(pending)) {
            pending = content.sha256(); // maybe half-written: wait for the next poll to read the same
        } else {
            pending = null;
            current = content.sha256();
            listener.changed(content.bytes());
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) return "the file is gone";
        if (e instanceof java.nio.file.AccessDeniedException) return "access is denied";
        return e.getClass() == IOException.class && e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Polls until the JVM exits, on a daemon thread; {@code afterEachPoll} runs after every poll. */
    Thread start(Runnable afterEachPoll) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    poll();
                    afterEachPoll.run();
                } catch (RuntimeException | LinkageError e) {
                    Log.warnOnce("policy-watch:" + e.getClass().getName(),
                            "the policy watcher met an error and goes on watching: " + e.getClass().getName());
                }
                try {
                    Thread.sleep(INTERVAL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "warden-policy-watcher");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
