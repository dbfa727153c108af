package dev.warden.bootstrap;

import java.io.IOException;

/**
 * Thrown by a body stream from {@link RequestScope#bodyStream} when the body cannot be masked (not JSON after all,
 * an encoding Warden cannot read): nothing more of it may reach the client. The instrumentation answers with
 * {@link RequestScope#withheld()} if the response is not committed yet, and swallows the rest of the body so the
 * application carries on unaffected.
 */
public final class WithheldBodyException extends IOException {

    public WithheldBodyException(String reason) {
        super(reason);
    }
}
