package dev.warden.instrumentation.testing;

import dev.warden.bootstrap.JsonMaskCursor;
import dev.warden.bootstrap.SerializerOutput;
import dev.warden.policy.LoadResult;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.engine.Decider;
import dev.warden.policy.engine.FixedRequest;
import dev.warden.policy.mask.ByteWireMasker;
import dev.warden.policy.mask.MaskCursor;
import dev.warden.policy.mask.MaskPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The reference side of a differential test: plans from policy text, the byte engine, and a hook's cursor. */
public final class Engines {

    private Engines() {
    }

    /** The masking plan of a one-route policy whose {@code response:} block is {@code response} (YAML). */
    public static MaskPlan plan(String response) {
        String yaml = """
                version: 1
                tokenization: { keys: [{ id: k, secret: "${env:K}" }] }
                routes:
                  - id: r
                    match: { path: /r }
                    authenticate: none
                    response:
                %s
                """.formatted(response.indent(6).stripTrailing());
        LoadResult r = PolicyLoader.parse("t.yaml", yaml, Map.of("K", "0123456789abcdef0123456789abcdef")::get);
        if (!r.ok()) throw new IllegalArgumentException(r.errors().toString());
        return new Decider(r.policy()).decide(new FixedRequest("GET", "/r")).maskPlan();
    }

    /** The wire engine's output for {@code json}, fed in chunks of {@code chunk} bytes. */
    public static String bytes(MaskPlan plan, String json, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = json.getBytes(StandardCharsets.UTF_8);
        try (ByteWireMasker m = new ByteWireMasker(plan, out)) {
            for (int i = 0; i < in.length; i += chunk) m.write(in, i, Math.min(chunk, in.length - i));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A serializer hook's view of a fresh cursor on {@code plan}, as the agent gives it. */
    public static JsonMaskCursor cursor(MaskPlan plan) {
        MaskCursor cursor = plan.newCursor();
        return new JsonMaskCursor() {
            public int field(String name) { return cursor.field(name); }
            public int field(String name, Class<?> owner) { return cursor.field(name, owner); }
            public int startObject() { return cursor.startObject(); }
            public int startArray() { return cursor.startArray(); }
            public int endContainer() { return cursor.endContainer(); }
            public int string(String value) { return cursor.string(value); }
            public int number(String text) { return cursor.number(text); }
            public int literal(String text) { return cursor.literal(text); }
            public String replacement() { return cursor.replacement(); }
        };
    }

    /** A serializer output over {@code out} with {@code cursor}; a hook that taints it fails the test. */
    public static SerializerOutput output(ByteArrayOutputStream out, JsonMaskCursor cursor) {
        return new SerializerOutput() {
            public JsonMaskCursor cursor() { return cursor; }
            public void arm(Object generator) { }
            public void taint(String why) { throw new AssertionError("tainted: " + why); }
            public void write(int b) { out.write(b); }
            public void write(byte[] b, int off, int len) { out.write(b, off, len); }
        };
    }
}
