package dev.warden.bootstrap;

import java.io.OutputStream;

/**
 * A serializer's output stream whose bytes skip the wire engine because the serializer masked them as it wrote.
 * Until {@link #arm} is called (by the hook, once its masking generator is in place) its bytes are treated like
 * any other and masked on the wire, so a hook that fails halfway can never let clear values through.
 */
public abstract class SerializerOutput extends OutputStream {

    /** A cursor for the serializer's masking generator, over JDK types only. */
    public abstract JsonMaskCursor cursor();

    /** From now on bytes written here are pre-masked; {@code generator} is the masking generator (for diagnostics). */
    public abstract void arm(Object generator);

    /** The serializer wrote something it could not mask (raw JSON): stop trusting, fail closed. */
    public abstract void taint(String why);
}
