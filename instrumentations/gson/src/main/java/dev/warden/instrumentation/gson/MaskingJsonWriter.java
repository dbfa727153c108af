package dev.warden.instrumentation.gson;

import com.google.gson.stream.JsonWriter;
import dev.warden.bootstrap.JsonMaskCursor;
import dev.warden.bootstrap.SerializerOutput;
import java.io.IOException;
import java.io.Writer;

/**
 * A Gson {@link JsonWriter} that applies Warden's field rules as values are written: every structural and value
 * call asks the {@link JsonMaskCursor} whether to write it to the real writer, drop it, or write a replacement.
 * Every write method is overridden, so nothing reaches the real writer unchecked; the inherited state only holds
 * the settings Gson sets on it (its setters are final), which are copied to the real writer before each write.
 *
 * <p>A property name waits for its value: Gson drops a name whose value is null unless {@code serializeNulls} is
 * on, and the cursor must then not hear of either.
 */
public final class MaskingJsonWriter extends JsonWriter {

    private static final int EMIT = JsonMaskCursor.EMIT;
    private static final int SKIP = JsonMaskCursor.SKIP;
    private static final int REPLACE = JsonMaskCursor.REPLACE;

    private final JsonWriter delegate;
    private final JsonMaskCursor cursor;
    private final SerializerOutput output;
    /** A name given but not yet told to the cursor (its value decides whether it exists at all). */
    private String pendingName;
    /** A name the cursor answered DEFER: written just before its value unless the value is dropped. */
    private String deferredName;
    /** Something has been handed to the real writer. */
    private boolean wrote;

    public MaskingJsonWriter(JsonWriter delegate, JsonMaskCursor cursor, SerializerOutput output) {
        super(PlaceholderWriter.INSTANCE);
        this.delegate = delegate;
        this.cursor = cursor;
        this.output = output;
        setFormattingStyle(delegate.getFormattingStyle());
        setStrictness(delegate.getStrictness());
        setHtmlSafe(delegate.isHtmlSafe());
        setSerializeNulls(delegate.getSerializeNulls());
    }

    /** The real writer, about to be written to: Gson sets its settings on this writer (final setters), so they are copied. */
    private JsonWriter real() {
        delegate.setStrictness(getStrictness());
        delegate.setHtmlSafe(isHtmlSafe());
        delegate.setSerializeNulls(getSerializeNulls());
        wrote = true;
        return delegate;
    }

    // ---- structure

    @Override
    public JsonWriter beginArray() throws IOException {
        namePending();
        depth++;
        if (start(value(cursor.startArray()))) real().beginArray();
        return this;
    }

    @Override
    public JsonWriter endArray() throws IOException {
        depth--;
        if (cursor.endContainer() == EMIT) real().endArray();
        return ended();
    }

    @Override
    public JsonWriter beginObject() throws IOException {
        namePending();
        depth++;
        if (start(value(cursor.startObject()))) real().beginObject();
        return this;
    }

    @Override
    public JsonWriter endObject() throws IOException {
        depth--;
        if (cursor.endContainer() == EMIT) real().endObject();
        return ended();
    }

    @Override
    public JsonWriter name(String name) throws IOException {
        if (name == null) throw new NullPointerException("name == null");
        if (pendingName != null) throw new IllegalStateException("a name is already pending");
        pendingName = name;
        return this;
    }

    /** Tells the cursor about the pending name, now that a value follows, and writes or defers it as answered. */
    private void namePending() throws IOException {
        String name = pendingName;
        if (name == null) return;
        pendingName = null;
        int d = cursor.field(name);
        if (d == EMIT) {
            real().name(name);
        } else if (d == JsonMaskCursor.DEFER) {
            deferredName = name;
        }
    }

    /**
     * The value's decision, after the pending name was settled: a deferred name is written unless the value is
     * dropped.
     */
    private int value(int decisionAfterName) throws IOException {
        int d = decisionAfterName;
        if (deferredName != null) {
            if (d != SKIP) {
                real().name(deferredName);
            }
            deferredName = null;
        }
        return d;
    }

    private boolean start(int decision) throws IOException {
        if (decision == REPLACE) real().value(cursor.replacement());
        return decision == EMIT;
    }

    // the cursor is asked only after the name is settled: these helpers do both in order

    private int string(String text) throws IOException {
        namePending();
        return value(cursor.string(text));
    }

    private int number(String text) throws IOException {
        namePending();
        return value(cursor.number(text));
    }

    private int literal(String text) throws IOException {
        namePending();
        return value(cursor.literal(text));
    }

    // ---- values

    @Override
    public JsonWriter value(String value) throws IOException {
        if (value == null) return nullValue();
        int d = string(value);
        if (d == EMIT) real().value(value);
        else if (d == REPLACE) real().value(cursor.replacement());
        return ended();
    }

    @Override
    public JsonWriter jsonValue(String value) throws IOException {
        if (value == null) return nullValue();
        // raw JSON cannot be checked value by value here: the wire engine (or withholding) takes over
        output.taint("jsonValue");
        int d = string(value);
        if (d == EMIT) real().jsonValue(value);
        else if (d == REPLACE) real().value(cursor.replacement());
        return ended();
    }

    @Override
    public JsonWriter nullValue() throws IOException {
        if (pendingName != null && !getSerializeNulls()) {
            // Gson drops the member: so does the cursor, which never heard of it
            pendingName = null;
            return this;
        }
        int d = literal("null");
        if (d == EMIT) real().nullValue();
        else if (d == REPLACE) real().value(cursor.replacement());
        return ended();
    }

    @Override
    public JsonWriter value(boolean value) throws IOException {
        int d = literal(value ? "true" : "false");
        if (d == EMIT) real().value(value);
        else if (d == REPLACE) real().value(cursor.replacement());
        return ended();
    }

    @Override
    public JsonWriter value(Boolean value) throws IOException {
        return value == null ? nullValue() : value(value.booleanValue());
    }

    // numbers are decided on their JSON text (what the real writer prints) and written natively when kept

    @Override
    public JsonWriter value(float value) throws IOException {
        int d = number(Float.toString(value));
        if (d == EMIT) real().value(value);
        else if (d == REPLACE) real().value(cursor.replacement());
        return ended();
    }

    @Override
    public JsonWriter value(double value) throws IOException {
        int d = number(Double.toString(value));
        if (d == EMIT) real().value(value);
        else if (d == REPLACE) real().value(cursor.replacement());
        return ended();
    }

    @Override
    public JsonWriter value(long value) throws IOException {
        int d = number(Long.toString(value));
        if (d == EMIT) real().value(value);
        else if (d == REPLACE) real().value(cursor.replacement());
        return ended();
    }

    @Override
    public JsonWriter value(Number value) throws IOException {
        if (value == null) return nullValue();
        int d = number(value.toString());
        if (d == EMIT) real().value(value);
        else if (d == REPLACE) real().value(cursor.replacement());
        return ended();
    }

    /** Open arrays and objects: when a top-level value is complete, its bytes go out (Gson itself never flushes). */
    private int depth;

    private JsonWriter ended() throws IOException {
        if (depth == 0) delegate.flush();
        return this;
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            delegate.close();
        } catch (IOException e) {
            // a document the rules removed whole leaves the real writer empty, which it calls incomplete
            if (wrote || !(e.getMessage() != null && e.getMessage().startsWith("Incomplete"))) throw e;
        }
    }
}
