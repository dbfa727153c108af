package dev.warden.instrumentation.jsonb;

import dev.warden.bootstrap.JsonMaskCursor;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * A JSON-P {@link JsonGenerator} (the one JSON-B implementations such as Yasson write through) that applies
 * Warden's field rules as values are written: every structural and value call asks the {@link JsonMaskCursor}
 * whether to pass it to the real generator, drop it, or write a replacement. The name-and-value forms
 * ({@code write(name, value)}) are a name followed by a value; a {@link JsonValue} is written event by event, so
 * every value inside it is checked.
 */
public final class MaskingJsonGenerator implements JsonGenerator {

    private static final int EMIT = JsonMaskCursor.EMIT;
    private static final int SKIP = JsonMaskCursor.SKIP;
    private static final int REPLACE = JsonMaskCursor.REPLACE;

    private final JsonGenerator real;
    /** Something has been handed to the real generator. */
    private boolean wrote;
    private final JsonMaskCursor cursor;
    /** A name the cursor answered DEFER: written just before its value unless the value is dropped. */
    private String deferredName;

    public MaskingJsonGenerator(JsonGenerator delegate, JsonMaskCursor cursor) {
        this.real = delegate;
        this.cursor = cursor;
    }

    /** The real generator, about to be written to. */
    private JsonGenerator delegate() {
        wrote = true;
        return real;
    }

    // ---- names

    @Override
    public JsonGenerator writeKey(String name) {
        int d = cursor.field(name);
        if (d == EMIT) delegate().writeKey(name);
        else if (d == JsonMaskCursor.DEFER) deferredName = name;
        return this;
    }

    /** The value's decision; a deferred name is written first unless the value is dropped. */
    private int named(int decision) {
        if (deferredName != null) {
            if (decision != SKIP) delegate().writeKey(deferredName);
            deferredName = null;
        }
        return decision;
    }

    // ---- structure

    @Override
    public JsonGenerator writeStartObject() {
        depth++;
        if (start(named(cursor.startObject()))) delegate().writeStartObject();
        return this;
    }

    @Override
    public JsonGenerator writeStartObject(String name) {
        return writeKey(name).writeStartObject();
    }

    @Override
    public JsonGenerator writeStartArray() {
        depth++;
        if (start(named(cursor.startArray()))) delegate().writeStartArray();
        return this;
    }

    @Override
    public JsonGenerator writeStartArray(String name) {
        return writeKey(name).writeStartArray();
    }

    private boolean start(int decision) {
        if (decision == REPLACE) delegate().write(cursor.replacement());
        return decision == EMIT;
    }

    @Override
    public JsonGenerator writeEnd() {
        depth--;
        if (cursor.endContainer() == EMIT) delegate().writeEnd();
        return ended();
    }

    // ---- values

    @Override
    public JsonGenerator write(String value) {
        if (value == null) return writeNull(); // Parsson would throw; a null is what was meant
        int d = named(cursor.string(value));
        if (d == EMIT) delegate().write(value);
        else if (d == REPLACE) delegate().write(cursor.replacement());
        return ended();
    }

    // numbers are decided on the JSON text the real generator prints, and written natively when kept

    @Override
    public JsonGenerator write(BigDecimal value) {
        int d = number(value.toString());
        if (d == EMIT) delegate().write(value);
        return ended();
    }

    @Override
    public JsonGenerator write(BigInteger value) {
        int d = number(value.toString());
        if (d == EMIT) delegate().write(value);
        return ended();
    }

    @Override
    public JsonGenerator write(int value) {
        int d = number(Integer.toString(value));
        if (d == EMIT) delegate().write(value);
        return ended();
    }

    @Override
    public JsonGenerator write(long value) {
        int d = number(Long.toString(value));
        if (d == EMIT) delegate().write(value);
        return ended();
    }

    @Override
    public JsonGenerator write(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            real.write(value); // the real generator refuses these, as it would without Warden
            return this;
        }
        int d = number(String.valueOf(value));
        if (d == EMIT) delegate().write(value);
        return ended();
    }

    /** The decision for a number; a replacement is written here, a kept number by the caller. */
    private int number(String text) {
        int d = named(cursor.number(text));
        if (d == REPLACE) delegate().write(cursor.replacement());
        return d;
    }

    @Override
    public JsonGenerator write(boolean value) {
        return literal(value ? "true" : "false", value ? JsonValue.TRUE : JsonValue.FALSE);
    }

    @Override
    public JsonGenerator writeNull() {
        return literal("null", JsonValue.NULL);
    }

    private JsonGenerator literal(String text, JsonValue value) {
        int d = named(cursor.literal(text));
        if (d == EMIT) delegate().write(value);
        else if (d == REPLACE) delegate().write(cursor.replacement());
        return ended();
    }

    /** Open arrays and objects: when a top-level value is complete, its bytes go out. */
    private int depth;

    private JsonGenerator ended() {
        if (depth == 0 && wrote) real.flush();
        return this;
    }

    @Override
    public JsonGenerator write(JsonValue value) {
        // by type, not a switch on the enum: that would compile to a synthetic class the helper injection lacks
        JsonValue.ValueType type = value.getValueType();
        if (type == JsonValue.ValueType.OBJECT) {
            writeStartObject();
            for (Map.Entry<String, JsonValue> e : ((JsonObject) value).entrySet()) write(e.getKey(), e.getValue());
            writeEnd();
        } else if (type == JsonValue.ValueType.ARRAY) {
            writeStartArray();
            for (JsonValue v : (JsonArray) value) write(v);
            writeEnd();
        } else if (type == JsonValue.ValueType.STRING) {
            write(((JsonString) value).getString());
        } else if (type == JsonValue.ValueType.NUMBER) {
            JsonNumber n = (JsonNumber) value;
            if (number(n.toString()) == EMIT) delegate().write(n);
            ended();
        } else if (type == JsonValue.ValueType.TRUE) {
            write(true);
        } else if (type == JsonValue.ValueType.FALSE) {
            write(false);
        } else {
            writeNull();
        }
        return this;
    }

    // ---- name-and-value forms: a name, then a value

    @Override
    public JsonGenerator write(String name, JsonValue value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, String value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, BigInteger value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, BigDecimal value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, int value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, long value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, double value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator write(String name, boolean value) {
        return writeKey(name).write(value);
    }

    @Override
    public JsonGenerator writeNull(String name) {
        return writeKey(name).writeNull();
    }

    @Override
    public void flush() {
        real.flush();
    }

    @Override
    public void close() {
        try {
            real.close();
        } catch (jakarta.json.stream.JsonGenerationException e) {
            // a document the rules removed whole leaves the real generator empty, which it calls incomplete
            if (wrote) throw e;
        }
    }
}
