package dev.warden.inventory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;

/**
 * What one sampled response's JSON looks like, before any masking: fed either the body's bytes as the application
 * wrote them ({@link #feed}, read by a parser of its own, so the masking engine's code and speed are untouched) or the
 * events of a serializer as it writes ({@link #events()}). Never throws: what cannot be read is simply not recorded.
 */
public final class ResponseSample {

    /** Bytes of a body read at most: enough to know its shape, bounded whatever the body's size. */
    static final int MAX_BYTES = 4 << 20;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(1000)
                    .maxStringLength(MAX_BYTES)
                    .maxNumberLength(1000)
                    .build())
            .build();

    private final String key;
    private final Shape shape = new Shape();
    /** Records what the byte parser reads. */
    private final ShapeRecorder bytes = new ShapeRecorder(shape);
    /** Records what serializers write (apart from the bytes: a body may be both, each keeps its own nesting). */
    private final ShapeRecorder written = new ShapeRecorder(shape);
    private JsonParser parser;
    private ByteArrayFeeder feeder;
    private long fed;
    private boolean parserDone;

    ResponseSample(String key) {
        this.key = key;
    }

    /**
     * A sample of a body as it LEAVES (after masking), for the audit log's categories returned in clear; it counts
     * against no endpoint.
     */
    public static ResponseSample ofOutput() {
        return new ResponseSample("");
    }

    /** The sensitive categories found in the values read so far (none when nothing could be read). */
    public synchronized java.util.Set<String> categories() {
        return shape.allCategories();
    }

    /** The sampler's key (method and path with ids collapsed) this sample counts against. */
    String key() {
        return key;
    }

    /** The next bytes of the body as the application wrote them (decoded, when it compressed them). */
    public synchronized void feed(byte[] b, int off, int len) {
        if (parserDone || len <= 0) return;
        try {
            if (parser == null) {
                parser = FACTORY.createNonBlockingByteArrayParser();
                feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
            }
            int n = (int) Math.min(len, MAX_BYTES - fed);
            fed += n;
            feeder.feedInput(b, off, off + n);
            drain();
            if (fed >= MAX_BYTES && !parserDone) {
                bytes.stop();
                close();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON after all, or past a limit: what was read so far stays
            close();
        }
    }

    /** The body is complete. */
    public synchronized void end() {
        if (parser == null || parserDone) return;
        try {
            feeder.endOfInput();
            drain();
        } catch (IOException | RuntimeException e) {
            // an incomplete or broken tail: what was read so far stays
        }
        close();
    }

    /** Where a serializer hook reports the document it writes now (a new document each call). */
    public synchronized JsonEvents events() {
        written.restart();
        return new SynchronizedEvents(this, written);
    }

    /** The shape recorded so far (a copy). */
    synchronized Shape shape() {
        Shape copy = new Shape();
        copy.merge(shape);
        return copy;
    }

    private void drain() throws IOException {
        JsonToken t;
        while ((t = parser.nextToken()) != null && t != JsonToken.NOT_AVAILABLE) {
            switch (t) {
                case START_OBJECT -> bytes.startObject();
                case START_ARRAY -> bytes.startArray();
                case END_OBJECT, END_ARRAY -> bytes.end();
                case FIELD_NAME -> bytes.name(parser.currentName());
                case VALUE_STRING -> bytes.string(parser.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> bytes.number(parser.getText());
                case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> bytes.literal(parser.getText());
                default -> { /* embedded objects do not occur in parsed text */ }
            }
        }
    }

    private void close() {
        parserDone = true;
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException | RuntimeException e) {
                // nothing held that matters
            }
        }
    }

    /**
     * The serializer's events, under the sample's lock (a body may be written from more than one thread in turn);
     * whatever goes wrong while recording stops the recording, never the serializer.
     */
    private record SynchronizedEvents(ResponseSample sample, ShapeRecorder recorder) implements JsonEvents {
        public void startObject() { record(recorder::startObject); }
        public void startArray() { record(recorder::startArray); }
        public void end() { record(recorder::end); }
        public void name(String name) { if (name != null) record(() -> recorder.name(name)); }
        public void string(String value) { record(() -> stringOrNull(value)); }
        public void number(String text) { if (text != null) record(() -> recorder.number(text)); }
        public void literal(String text) { if (text != null) record(() -> recorder.literal(text)); }

        private void stringOrNull(String value) {
            if (value == null) recorder.literal("null");
            else recorder.string(value);
        }

        private void record(Runnable event) {
            synchronized (sample) {
                try {
                    event.run();
                } catch (RuntimeException e) {
                    recorder.stop();
                }
            }
        }
    }
}
