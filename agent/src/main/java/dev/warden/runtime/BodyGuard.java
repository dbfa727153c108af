package dev.warden.runtime;

import dev.warden.policy.mask.JsonWireMasker;
import dev.warden.policy.mask.MaskPlan;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The stream a JSON response body goes through. The first bytes decide how: written by a masking serializer
 * (already masked: passed through) or by anything else (masked on the wire). After serializer bytes, anything the
 * serializer did not write, or did not mask, is withheld: fail closed, never a clear value.
 */
final class BodyGuard extends OutputStream {

    private enum Mode { UNDECIDED, TRUSTED, WIRE, WITHHELD }

    private final RequestScopeImpl scope;
    private final OutputStream target;
    private final MaskPlan plan;
    private JsonWireMasker masker;
    private Mode mode = Mode.UNDECIDED;

    BodyGuard(RequestScopeImpl scope, OutputStream target, MaskPlan plan) {
        this.scope = scope;
        this.target = target;
        this.plan = plan;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (mode == Mode.UNDECIDED) {
            mode = scope.trustedDepth > 0 ? Mode.TRUSTED : Mode.WIRE;
            if (Log.DEBUG) {
                Log.debug("response body of " + scope.label() + (mode == Mode.TRUSTED
                        ? " masked by the serializer hook" : " masked on the wire"));
            }
        }
        switch (mode) {
            case TRUSTED -> {
                if (scope.trustedDepth > 0) target.write(b, off, len);
                else untrusted("bytes written around the masking serializer");
            }
            case WIRE -> masker().write(b, off, len);
            default -> { /* withheld */ }
        }
    }

    private JsonWireMasker masker() throws IOException {
        if (masker == null) masker = new JsonWireMasker(plan, target);
        return masker;
    }

    /** Serializer output can no longer be trusted: if it already went out as trusted, withhold the rest. */
    void untrusted(String why) {
        if (mode == Mode.TRUSTED) {
            mode = Mode.WITHHELD;
            Log.warnOnce("withheld:" + why, "a JSON response was cut short because of " + why
                    + "; Warden could not verify it was masked (fail closed)");
        }
    }

    @Override
    public void flush() throws IOException {
        if (mode == Mode.WIRE) masker().flush();
        else target.flush();
    }

    @Override
    public void close() throws IOException {
        if (mode == Mode.WIRE) masker().close();
    }
}
