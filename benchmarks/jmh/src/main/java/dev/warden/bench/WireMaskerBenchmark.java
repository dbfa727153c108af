package dev.warden.bench;

import dev.warden.policy.mask.JsonSelector;
import dev.warden.policy.mask.ByteWireMasker;
import dev.warden.policy.mask.JsonWireMasker;
import dev.warden.policy.mask.MaskPlan;
import dev.warden.policy.model.FieldAction;
import dev.warden.policy.model.FieldRule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link JsonWireMasker} throughput, in MB/s, against a plain byte copy of the same body.
 *
 * <p>One "operation" is one byte of input ({@link OperationsPerInvocation} = the body's exact size, checked in setup),
 * so with {@code -bm thrpt -tu us} the score, ops/us, reads directly as MB/s (10^6 bytes per second).
 *
 * <p>Bodies: one customer record of exactly 1,024 bytes, and a JSON array of 1,000 such records (1,025,025 bytes).
 * Rules, as in the README's example: remove {@code $..ssn}, mask {@code $..card.number} keeping the last 4, redact
 * {@code $..email} (4 values per record: ssn, card number, two emails). Bodies are written in 8 KiB chunks, as an
 * application's serializer or servlet buffer would flush them, to a masker whose target is
 * {@link OutputStream#nullOutputStream()}. The baseline copies each chunk into an 8 KiB buffer and writes that to
 * the same null stream: what passing the body through untouched costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WireMaskerBenchmark {

    static final int RECORD_BYTES = 1024;
    static final int RECORDS = 1000;
    static final int ARRAY_BYTES = RECORDS * RECORD_BYTES + (RECORDS - 1) + 2;   // records, commas, brackets
    static final int CHUNK = 8192;

    private final OutputStream sink = OutputStream.nullOutputStream();
    private final byte[] copyBuffer = new byte[CHUNK];
    private MaskPlan plan;
    /** The same rules plus detectors (pan, email, ssn) over every string. */
    private MaskPlan detecting;
    /** Jackson must not close the shared null sink (a closed null stream throws on the next write). */
    private final com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper(
            com.fasterxml.jackson.core.JsonFactory.builder()
                    .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build());
    private byte[] record;
    private byte[] array;

    @Setup
    public void setup(org.openjdk.jmh.infra.BenchmarkParams params) throws IOException {
        plan = new MaskPlan(List.of(
                rule(FieldAction.REMOVE, 0, "$..ssn"),
                rule(FieldAction.MASK, 4, "$..card.number"),
                rule(FieldAction.REDACT, 0, "$..email")));
        detecting = new MaskPlan(List.of(
                rule(FieldAction.REMOVE, 0, "$..ssn"),
                rule(FieldAction.MASK, 4, "$..card.number"),
                rule(FieldAction.REDACT, 0, "$..email"),
                new FieldRule(List.of(), List.of(), List.of(dev.warden.policy.mask.Detector.PAN, dev.warden.policy.mask.Detector.EMAIL,
                        dev.warden.policy.mask.Detector.SSN), FieldAction.REDACT, 0, 0, FieldRule.DEFAULT_REDACTION, false, null, null, null)));
        record = record(1).getBytes(StandardCharsets.UTF_8);
        StringBuilder a = new StringBuilder(ARRAY_BYTES).append('[');
        for (int i = 1; i <= RECORDS; i++) a.append(i == 1 ? "" : ",").append(record(i));
        array = a.append(']').toString().getBytes(StandardCharsets.UTF_8);
        if (record.length != RECORD_BYTES || array.length != ARRAY_BYTES) {
            throw new IllegalStateException("body sizes " + record.length + "/" + array.length + " != @OperationsPerInvocation");
        }
        // A benchmark that masked nothing (a broken rule) or failed on its input would be measuring the wrong thing.
        verify(params.getBenchmark(), record, 1);
        verify(params.getBenchmark(), array, RECORDS);
        if (params.getBenchmark().endsWith("SharedProfile")) {
            // the decision code driven by names as text first, as serializer hooks drive it in an application's JVM
            for (int i = 0; i < 200; i++) mask(array);
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORD_BYTES)
    public int mask1KB() throws IOException {
        return mask(record);
    }

    @Benchmark
    @OperationsPerInvocation(ARRAY_BYTES)
    public int mask1MB() throws IOException {
        return mask(array);
    }

    @Benchmark
    @OperationsPerInvocation(RECORD_BYTES)
    public int bytes1KB() throws IOException {
        return bytes(record);
    }

    @Benchmark
    @OperationsPerInvocation(ARRAY_BYTES)
    public int bytes1MB() throws IOException {
        return bytes(array);
    }

    /** bytes1MB in a JVM where the Jackson-based engine (standing for the serializer hooks) used the cursor first. */
    @Benchmark
    @OperationsPerInvocation(ARRAY_BYTES)
    public int bytes1MBSharedProfile() throws IOException {
        return bytes(array);
    }

    @Benchmark
    @OperationsPerInvocation(RECORD_BYTES)
    public int bytesDetect1KB() throws IOException {
        ByteWireMasker masker = new ByteWireMasker(detecting, sink);
        masker.write(record, 0, record.length);
        masker.close();
        return masker.valuesProtected();
    }

    @Benchmark
    @OperationsPerInvocation(ARRAY_BYTES)
    public int bytesDetect1MB() throws IOException {
        ByteWireMasker masker = new ByteWireMasker(detecting, sink);
        for (int off = 0; off < array.length; off += CHUNK) masker.write(array, off, Math.min(CHUNK, array.length - off));
        masker.close();
        return masker.valuesProtected();
    }

    /** Jackson reading every token and writing it again, nothing masked: a streaming copy. */
    @Benchmark
    @OperationsPerInvocation(ARRAY_BYTES)
    public int jacksonStreamingCopy1MB() throws IOException {
        com.fasterxml.jackson.core.JsonFactory f = mapper.getFactory();
        int tokens = 0;
        try (com.fasterxml.jackson.core.JsonParser p = f.createParser(array);
             com.fasterxml.jackson.core.JsonGenerator g = f.createGenerator(sink)) {
            while (p.nextToken() != null) {
                g.copyCurrentEvent(p);
                tokens++;
            }
        }
        return tokens;
    }

    /** Jackson reading the whole body into a tree, masking the tree, writing it: the usual hand-rolled masker. */
    @Benchmark
    @OperationsPerInvocation(ARRAY_BYTES)
    public int jacksonTreeMask1MB() throws IOException {
        com.fasterxml.jackson.databind.JsonNode tree = mapper.readTree(array);
        int n = treeMask(tree);
        mapper.writeValue(sink, tree);
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(RECORD_BYTES)
    public int copy1KB() throws IOException {
        return copy(record);
    }

    @Benchmark
    @OperationsPerInvocation(ARRAY_BYTES)
    public int copy1MB() throws IOException {
        return copy(array);
    }

    /** A fresh masker per body, as per response; returns the count of protected values so nothing is dead code. */
    private int mask(byte[] body) throws IOException {
        JsonWireMasker masker = new JsonWireMasker(plan, sink);
        for (int off = 0; off < body.length; off += CHUNK) masker.write(body, off, Math.min(CHUNK, body.length - off));
        masker.close();
        return masker.valuesProtected();
    }

    /** The hand-written byte engine, same plan, same chunks. */
    private int bytes(byte[] body) throws IOException {
        ByteWireMasker masker = new ByteWireMasker(plan, sink);
        for (int off = 0; off < body.length; off += CHUNK) masker.write(body, off, Math.min(CHUNK, body.length - off));
        masker.close();
        return masker.valuesProtected();
    }

    private int copy(byte[] body) throws IOException {
        for (int off = 0; off < body.length; off += CHUNK) {
            int n = Math.min(CHUNK, body.length - off);
            System.arraycopy(body, off, copyBuffer, 0, n);
            sink.write(copyBuffer, 0, n);
        }
        return copyBuffer[0];
    }

    // ---- setup helpers -------------------------------------------------------------------------------------------

    private static FieldRule rule(FieldAction action, int keepLast, String selector) {
        String[] problem = new String[1];
        JsonSelector s = JsonSelector.parse(selector, problem);
        if (s == null) throw new IllegalArgumentException(selector + ": " + problem[0]);
        return new FieldRule(List.of(s), action, 0, keepLast, FieldRule.DEFAULT_REDACTION);
    }

    /** A customer record of exactly RECORD_BYTES bytes (fixed-width values, padded with a notes field). */
    static String record(int i) {
        String n = String.format("%06d", i);
        String body = "{\"id\":\"c-" + n + "\",\"name\":\"Customer " + n + "\",\"email\":\"customer" + n + "@example.com\","
                + "\"ssn\":\"123-45-" + n.substring(2) + "\",\"phone\":\"+1-555-0100\",\"createdAt\":\"2024-03-01T12:00:00Z\","
                + "\"active\":true,\"balance\":1234.56,"
                + "\"address\":{\"street\":\"1 Main Street\",\"city\":\"Springfield\",\"postcode\":\"12345\",\"country\":\"US\"},"
                + "\"card\":{\"number\":\"4111111111" + n + "\",\"expiry\":\"12/29\",\"brand\":\"visa\"},"
                + "\"contacts\":[{\"type\":\"billing\",\"email\":\"billing" + n + "@example.com\",\"phone\":\"+1-555-0101\"}],"
                + "\"orders\":[{\"id\":\"o-" + n + "-1\",\"total\":99.5,\"items\":3,\"status\":\"shipped\"},"
                + "{\"id\":\"o-" + n + "-2\",\"total\":12.25,\"items\":1,\"status\":\"delivered\"},"
                + "{\"id\":\"o-" + n + "-3\",\"total\":250.0,\"items\":7,\"status\":\"pending\"}],"
                + "\"tags\":[\"partner\",\"emea\",\"priority\"],\"notes\":\"";
        int pad = RECORD_BYTES - body.length() - 2;
        if (pad < 0) throw new IllegalStateException("record template longer than " + RECORD_BYTES);
        return body + "x".repeat(pad) + "\"}";
    }

    /**
     * Checks the engine this fork measures (and only that one: JMH runs each benchmark in its own JVM, and running
     * another engine over the same decision code here would change what the JIT makes of it) against an
     * independent reference, Jackson's tree edited by hand.
     */
    private void verify(String benchmark, byte[] body, int records) throws IOException {
        com.fasterxml.jackson.databind.JsonNode expected = mapper.readTree(body);
        treeMask(expected);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int protectedValues;
        boolean failed;
        if (benchmark.contains(".mask1")) {
            JsonWireMasker m = new JsonWireMasker(plan, out);
            m.write(body);
            m.close();
            protectedValues = m.valuesProtected();
            failed = m.failed();
        } else if (benchmark.contains(".bytes1")) {
            ByteWireMasker m = new ByteWireMasker(plan, out);
            m.write(body);
            m.close();
            protectedValues = m.valuesProtected();
            failed = m.failed();
        } else {
            return;
        }
        String masked = out.toString(StandardCharsets.UTF_8);
        if (failed || protectedValues != 4 * records || !mapper.readTree(out.toByteArray()).equals(expected)
                || !masked.contains("\"number\":\"************0001\"")) {
            throw new IllegalStateException("masking did not do what the benchmark assumes: failed=" + failed
                    + " protected=" + protectedValues + " output starts " + masked.substring(0, Math.min(300, masked.length())));
        }
    }

    /** The benchmark's rules applied by hand to Jackson's tree: remove ssn, mask card.number (keep 4), redact emails. */
    private static int treeMask(com.fasterxml.jackson.databind.JsonNode tree) {
        int n = 0;
        for (com.fasterxml.jackson.databind.JsonNode r : tree.isArray() ? tree : java.util.List.of(tree)) {
            com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) r;
            o.remove("ssn");
            o.put("email", FieldRule.DEFAULT_REDACTION);
            com.fasterxml.jackson.databind.node.ObjectNode card = (com.fasterxml.jackson.databind.node.ObjectNode) o.get("card");
            String number = card.get("number").asText();
            card.put("number", "*".repeat(number.length() - 4) + number.substring(number.length() - 4));
            for (com.fasterxml.jackson.databind.JsonNode c : o.get("contacts")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) c).put("email", FieldRule.DEFAULT_REDACTION);
            }
            n += 4;
        }
        return n;
    }
}
