package dev.warden.policy.mask;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The wire engine: an OutputStream that masks the UTF-8 JSON written to it and passes the result to another
 * stream, as the bytes arrive. It is push-driven (Jackson's non-blocking parser), so it never holds more than
 * the value being read: memory is bounded by the largest single value, not by the body.
 *
 * <p>Fail closed: once the input stops being JSON nothing more is written, so a malformed body can end short
 * but can never carry an unmasked value out.
 */
public final class JsonWireMasker extends OutputStream {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(1000)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(100_000)
                    .build())
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .build();

    private final MaskCursor cursor;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final JsonGenerator out;
    private boolean failed;
    private boolean closed;
    /** A property name held back until its value is decided (the cursor answered DEFER). */
    private String deferredName;

    public JsonWireMasker(MaskPlan plan, OutputStream target) throws IOException {
        this.cursor = plan.newCursor();
        this.parser = FACTORY.createNonBlockingByteArrayParser();
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        this.out = FACTORY.createGenerator(target, JsonEncoding.UTF8);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
        if (closed) throw new IOException("stream closed");
        if (failed || len == 0) return;
        try {
            feeder.feedInput(bytes, off, off + len);
            drain();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw new MalformedJsonException(e);
        }
    }

    /** Writes out every complete token the parser holds; stops at the first byte it still needs more input for. */
    private void drain() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
            switch (token) {
                case START_OBJECT -> emitStart(named(cursor.startObject()), false);
                case START_ARRAY -> emitStart(named(cursor.startArray()), true);
                case END_OBJECT -> {
                    if (cursor.endContainer() == MaskCursor.EMIT) out.writeEndObject();
                }
                case END_ARRAY -> {
                    if (cursor.endContainer() == MaskCursor.EMIT) out.writeEndArray();
                }
                case FIELD_NAME -> {
                    String name = parser.currentName();
                    int decision = cursor.field(name);
                    if (decision == MaskCursor.EMIT) out.writeFieldName(name);
                    else if (decision == MaskCursor.DEFER) deferredName = name;
                }
                case VALUE_STRING -> {
                    String text = parser.getText();
                    emitLeaf(named(cursor.string(text)), text, token);
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    String text = parser.getText();
                    emitLeaf(named(cursor.number(text)), text, token);
                }
                case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
                    String text = parser.getText();
                    emitLeaf(named(cursor.literal(text)), text, token);
                }
                default -> throw new IOException("unexpected JSON token " + token);
            }
        }
    }

    /** Writes a held-back name unless its value is dropped; returns the value's decision. */
    private int named(int decision) throws IOException {
        if (deferredName != null) {
            if (decision != MaskCursor.SKIP) out.writeFieldName(deferredName);
            deferredName = null;
        }
        return decision;
    }

    private void emitStart(int decision, boolean array) throws IOException {
        if (decision == MaskCursor.EMIT) {
            if (array) out.writeStartArray();
            else out.writeStartObject();
        } else if (decision == MaskCursor.REPLACE) {
            out.writeString(cursor.replacement());
        }
    }

    private void emitLeaf(int decision, String text, JsonToken token) throws IOException {
        if (decision == MaskCursor.SKIP) return;
        if (decision == MaskCursor.REPLACE) {
            out.writeString(cursor.replacement());
            return;
        }
        switch (token) {
            case VALUE_STRING -> out.writeString(text);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.writeNumber(text);
            case VALUE_TRUE -> out.writeBoolean(true);
            case VALUE_FALSE -> out.writeBoolean(false);
            default -> out.writeNull();
        }
    }

    @Override
    public void flush() throws IOException {
        if (!closed) out.flush();
    }

    /** Ends the document: whatever is masked goes out; an unfinished token is dropped, never passed in clear. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            if (!failed) {
                feeder.endOfInput();
                drain();
            }
        } catch (IOException | RuntimeException e) {
            failed = true;
        }
        // On failure what the generator still buffers is dropped, never flushed: the caller may yet answer with an
        // error instead, which a flush to the response would make impossible (and the tail is not JSON anyway).
        if (!failed) {
            out.flush();
            out.close();
        }
    }

    /** True when the input was not (complete) JSON. */
    public boolean failed() {
        return failed;
    }

    public int valuesProtected() {
        return cursor.valuesProtected();
    }

    /** The body declared JSON is not: raised once, after which nothing more is written. */
    public static final class MalformedJsonException extends IOException {
        MalformedJsonException(Throwable cause) {
            super("response body declared as JSON is not valid JSON; the rest of it was withheld", cause);
        }
    }
}
