package dev.warden.runtime;

import dev.warden.bootstrap.JsonMaskCursor;
import dev.warden.bootstrap.SerializerOutput;
import dev.warden.inventory.ResponseSample;
import dev.warden.policy.mask.MaskCursor;
import dev.warden.policy.mask.MaskPlan;
import java.io.IOException;
import java.io.OutputStream;

/** The output of a masking serializer: once armed, bytes written through it are marked as masked already. */
final class TrustedSerializerOutput extends SerializerOutput {

    private final RequestScopeImpl scope;
    private final OutputStream out;
    private final MaskPlan plan;
    /** Told every event the serializer writes, for the inventory; null unless this response is sampled. */
    private final ResponseSample sample;
    private boolean armed;
    private boolean tainted;

    TrustedSerializerOutput(RequestScopeImpl scope, OutputStream out, MaskPlan plan, ResponseSample sample) {
        this.scope = scope;
        this.out = out;
        this.plan = plan;
        this.sample = sample;
    }

    @Override
    public JsonMaskCursor cursor() {
        JsonMaskCursor cursor = new CursorAdapter(plan.newCursor());
        return sample == null ? cursor : new SampledCursor(cursor, sample.events());
    }

    @Override
    public void arm(Object generator) {
        armed = true;
    }

    @Override
    public void taint(String why) {
        if (tainted) return;
        tainted = true;
        scope.tainted(why);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (!armed || tainted) {
            out.write(b, off, len);
            return;
        }
        scope.trustedDepth++;
        try {
            out.write(b, off, len);
        } finally {
            scope.trustedDepth--;
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** The policy's cursor seen through the bridge's JDK-only interface. */
    private record CursorAdapter(MaskCursor cursor) implements JsonMaskCursor {
        public int field(String name) { return cursor.field(name); }
        public int field(String name, Class<?> owner) { return cursor.field(name, owner); }
        public int startObject() { return cursor.startObject(); }
        public int startArray() { return cursor.startArray(); }
        public int endContainer() { return cursor.endContainer(); }
        public int string(String value) { return cursor.string(value); }
        public int number(String text) { return cursor.number(text); }
        public int literal(String text) { return cursor.literal(text); }
        public String replacement() { return cursor.replacement(); }
    }
}
