package dev.warden.runtime;

import dev.warden.bootstrap.WithheldBodyException;
import dev.warden.inventory.ResponseSample;
import dev.warden.policy.mask.ByteWireMasker;
import dev.warden.policy.mask.MaskPlan;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * The stream a JSON response body goes through. The first bytes decide how: written by a masking serializer
 * (already masked: passed through) or by anything else (masked on the wire, decoded first when the application
 * gzipped or deflated it). Fail closed: a body that is not JSON, a compression Warden cannot read, or bytes written
 * around a masking serializer are withheld — nothing more goes out, and every later write says so with a
 * {@link WithheldBodyException} so the instrumentation can answer 502 instead while it still can.
 */
final class BodyGuard extends OutputStream {

    private enum Mode { UNDECIDED, TRUSTED, WIRE, WITHHELD }

    private final RequestScopeImpl scope;
    private final OutputStream target;
    private final MaskPlan plan;
    /** gzip, deflate, or null: the body as written is encoded so. */
    private final String encoding;
    /** Reads the body as the application wrote it (decoded), for the inventory; null unless this response is sampled. */
    private final ResponseSample sample;
    private OutputStream wire;
    private ByteWireMasker masker;
    private Mode mode = Mode.UNDECIDED;
    private String withheldBecause;

    BodyGuard(RequestScopeImpl scope, OutputStream target, MaskPlan plan, String contentEncoding, ResponseSample sample) {
        this.scope = scope;
        this.target = target;
        this.plan = plan;
        this.sample = sample;
        String e = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (e.isEmpty() || e.equals("identity")) {
            this.encoding = null;
        } else if (e.equals("gzip") || e.equals("x-gzip") || e.equals("deflate")) {
            this.encoding = e.equals("deflate") ? "deflate" : "gzip";
        } else {
            this.encoding = null;
            withhold("a JSON body in an encoding Warden cannot read (" + e.replaceAll("[^a-z0-9,-]", "?") + ")");
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (mode == Mode.UNDECIDED) {
            // an encoded body is decoded and masked here whoever wrote it: a serializer's bytes went through the encoder
            mode = scope.trustedDepth > 0 && encoding == null ? Mode.TRUSTED : Mode.WIRE;
            if (Log.DEBUG) {
                Log.debug("response body of " + scope.label() + (mode == Mode.TRUSTED
                        ? " masked by the serializer hook" : " masked on the wire" + (encoding == null ? "" : " after " + encoding + " decoding")));
            }
        }
        switch (mode) {
            case TRUSTED -> {
                if (scope.trustedDepth > 0) target.write(b, off, len);
                else untrusted("bytes written around the masking serializer");
            }
            case WIRE -> {
                try {
                    wire().write(b, off, len);
                } catch (IOException | RuntimeException e) {
                    withhold(failure(e));
                }
            }
            default -> { /* withheld */ }
        }
        if (mode == Mode.WITHHELD) throw new WithheldBodyException(withheldBecause);
    }

    private OutputStream wire() throws IOException {
        if (wire == null) {
            masker = new ByteWireMasker(plan, target);
            // a sampled body is read beside the engine, not by it: the engine's fast paths stay as they are
            OutputStream engine = sample == null ? masker : new SampledStream(masker, sample, true);
            wire = encoding == null ? engine : new DecodingStream(engine, encoding.equals("gzip"));
        }
        return wire;
    }

    private String failure(Throwable e) {
        return masker != null && masker.failed() ? "a response declared JSON that is not valid JSON"
                : encoding != null ? "a " + encoding + " body that could not be decoded" : "an error while masking";
    }

    /** Serializer output can no longer be trusted: if it already went out as trusted, withhold the rest. */
    void untrusted(String why) {
        if (mode == Mode.TRUSTED) withhold(why);
    }

    private void withhold(String why) {
        if (mode == Mode.WITHHELD) return;
        mode = Mode.WITHHELD;
        withheldBecause = why;
        Log.warnOnce("withheld:" + why, "a JSON response was withheld (" + why + "): fail closed; the client gets 502 "
                + "when the response was not yet committed, else the body is cut short");
    }

    @Override
    public void flush() throws IOException {
        if (mode == Mode.WITHHELD) throw new WithheldBodyException(withheldBecause);
        try {
            if (mode == Mode.WIRE) wire().flush();
            else target.flush();
        } catch (IOException e) {
            if (masker != null && masker.failed()) withhold(failure(e));
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (mode == Mode.WIRE) {
            try {
                wire().close();
            } catch (IOException | RuntimeException e) {
                withhold(failure(e));
            }
            if (masker != null && masker.failed()) withhold(failure(null));
        }
        if (mode == Mode.WITHHELD) throw new WithheldBodyException(withheldBecause);
    }
}
