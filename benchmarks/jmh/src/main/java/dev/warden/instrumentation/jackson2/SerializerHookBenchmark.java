package dev.warden.instrumentation.jackson2;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.bootstrap.JsonMaskCursor;
import dev.warden.bootstrap.SerializerOutput;
import dev.warden.policy.mask.JsonSelector;
import dev.warden.policy.mask.MaskCursor;
import dev.warden.policy.mask.MaskPlan;
import dev.warden.policy.model.FieldAction;
import dev.warden.policy.model.FieldRule;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
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
 * What the Jackson 2 serializer hook adds per serialized record: 1,000 records (the shape of the test apps'
 * customers) written by {@code ObjectMapper.writeValue} through a plain generator, and through Warden's masking
 * generator with the README's three rules. Score: ns per record; the difference is the hook's cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SerializerHookBenchmark {

    static final int RECORDS = 1000;

    public record Card(String number, String expiry, String holder) {
    }

    public record Address(String street, String city, String postcode, String country) {
    }

    public record Customer(String id, String name, String email, String phone, String ssn, Card card, Address address,
                           List<String> tags, java.math.BigDecimal balance, String notes) {
    }

    private final OutputStream sink = OutputStream.nullOutputStream();
    private final ObjectMapper mapper = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build());
    private List<Customer> records;
    private MaskPlan plan;

    @Setup
    public void setup() throws IOException {
        records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            String n = String.format("%06d", i);
            records.add(new Customer("c-" + n, "Customer " + n, "customer" + n + "@example.com", "+1 555 0100",
                    "123-45-" + n.substring(2), new Card("4111111111" + n, "12/29", "CUSTOMER " + n),
                    new Address("1 Main Street", "Springfield", "12345", "US"), List.of("vip"),
                    new java.math.BigDecimal("1234.56"), "Prefers email"));
        }
        plan = new MaskPlan(List.of(rule(FieldAction.REMOVE, 0, "$..ssn"), rule(FieldAction.MASK, 4, "$..card.number"),
                rule(FieldAction.REDACT, 0, "$..email")));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (JsonGenerator g = masking(out)) {
            mapper.writeValue(g, records.subList(0, 1));
        }
        String masked = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        if (masked.contains("ssn") || !masked.contains("************0000") || masked.contains("@example.com")) {
            throw new IllegalStateException("the hook did not mask as the benchmark assumes: " + masked);
        }
    }

    private static FieldRule rule(FieldAction action, int keepLast, String selector) {
        return new FieldRule(List.of(JsonSelector.parse(selector, new String[1])), action, 0, keepLast, FieldRule.DEFAULT_REDACTION);
    }

    private JsonGenerator masking(OutputStream out) throws IOException {
        MaskCursor cursor = plan.newCursor();
        JsonMaskCursor adapter = new JsonMaskCursor() {
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
        SerializerOutput output = new SerializerOutput() {
            public JsonMaskCursor cursor() { return adapter; }
            public void arm(Object generator) { }
            public void taint(String why) { }
            public void write(int b) throws IOException { out.write(b); }
            public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
        };
        return new MaskingJsonGenerator(mapper.getFactory().createGenerator(output, JsonEncoding.UTF8), adapter, output);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void plainGenerator() throws IOException {
        try (JsonGenerator g = mapper.getFactory().createGenerator(sink, JsonEncoding.UTF8)) {
            mapper.writeValue(g, records);
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void maskingGenerator() throws IOException {
        try (JsonGenerator g = masking(sink)) {
            mapper.writeValue(g, records);
        }
    }
}
