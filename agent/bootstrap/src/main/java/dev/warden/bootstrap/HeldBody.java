package dev.warden.bootstrap;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The fail-closed state of one guarded response body, kept once for every server hook: each hook's body stream keeps
 * its own base class and delegates its writes, flushes and end here, and answers for what differs through its
 * {@link BodyOutlet}. The stream the body goes through is opened at the first byte (or flush, or end), so it follows
 * the Content-Type and Content-Encoding declared by then. From the moment that stream refuses the body
 * ({@link WithheldBodyException}) nothing more of it reaches the client, and later writes are dropped so the
 * application carries on unaffected.
 */
public final class HeldBody {

    /**
     * A masked body is not flushed to the client before this many bytes were written (or the body ended): a body
     * that turns out not to be JSON early can still be answered with a 502 instead of a half-sent 200.
     */
    public static final int HOLD_BYTES = 8192;

    private final BodyOutlet outlet;
    private OutputStream sink;
    private boolean masking;
    private boolean finished;
    private boolean withheld;
    private long written;

    public HeldBody(BodyOutlet outlet) {
        this.outlet = outlet;
    }

    private OutputStream sink() throws IOException {
        if (sink == null) {
            OutputStream opened = outlet.openBody();
            masking = outlet.masks(opened);
            sink = opened;
        }
        return sink;
    }

    public void write(int b) throws IOException {
        if (withheld) return;
        written++;
        try {
            sink().write(b);
        } catch (WithheldBodyException e) {
            withhold();
        }
    }

    public void write(byte[] b, int off, int len) throws IOException {
        if (withheld) return;
        written += len;
        try {
            sink().write(b, off, len);
        } catch (WithheldBodyException e) {
            withhold();
        }
    }

    /** Passes a flush on, unless the body is withheld or still {@link #holding()}. */
    public void flush() throws IOException {
        if (withheld || holding()) return;
        try {
            sink().flush();
        } catch (WithheldBodyException e) {
            withhold();
        }
    }

    /** Whether a masked body is still too short to commit (flushes wait; the end of the body commits it). */
    public boolean holding() {
        return sink != null && masking && written < HOLD_BYTES && !finished;
    }

    private void withhold() throws IOException {
        withheld = true;
        outlet.withholdBody();
    }

    /**
     * Ends the body: the masking engine writes what it still holds (an unmasked body is the server's to end).
     * Idempotent; after a withhold, nothing is written.
     */
    public void finish() throws IOException {
        if (finished) return;
        finished = true;
        if (withheld) return;
        OutputStream s = sink();
        if (!masking) return;
        try {
            s.close();
        } catch (WithheldBodyException e) {
            withhold();
        }
    }

    /** The application reset the (uncommitted) response: the body starts afresh and is decided again. */
    public void restart() {
        sink = null;
        masking = false;
        finished = false;
        withheld = false;
        written = 0; // the new body is held from its own first byte, so it too can still be answered with a 502
    }

    /** Whether the body was withheld (the outlet answered for it). */
    public boolean isWithheld() {
        return withheld;
    }

    /** Whether {@link #finish()} was called (since the last {@link #restart()}). */
    public boolean isFinished() {
        return finished;
    }

    /** Whether the body goes through the masking engine (false until it is opened). */
    public boolean isMasked() {
        return masking;
    }
}
