package dev.warden.bootstrap;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The server's side of a {@link HeldBody}: what differs from one server hook to the next. Implemented by each hook's
 * guarded body stream, which hands itself to the held body it delegates to.
 */
public interface BodyOutlet {

    /**
     * The stream the body goes through, decided now (at its first byte, flush or end) from the Content-Type and
     * Content-Encoding declared by then: {@link RequestScope#bodyStream} for a body Warden masks, the server's own
     * stream otherwise. Called once per body.
     */
    OutputStream openBody() throws IOException;

    /** Whether {@code opened}, as {@link #openBody()} just returned it, masks the body (it is not the server's stream). */
    boolean masks(OutputStream opened);

    /**
     * The body cannot be masked: answer with Warden's 502 ({@link RequestScope#withheld()}) while nothing is
     * committed, else cut the body short. Called at most once per body; the held body drops every later write.
     */
    void withholdBody() throws IOException;
}
