package dev.warden.instrumentation.jackson3;

import tools.jackson.core.Base64Variant;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.util.JsonGeneratorDelegate;
import dev.warden.bootstrap.JsonMaskCursor;
import dev.warden.bootstrap.SerializerOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A Jackson 3 ({@code tools.jackson}) generator that applies Warden's field rules as values are written: every structural and value call
 * asks the {@link JsonMaskCursor} whether to write it, drop it, or write a replacement string. Each write method
 * of the delegate is overridden so that no path reaches the real generator unchecked; raw JSON, which cannot be
 * checked here, makes the output untrusted so the wire engine (or withholding) takes over.
 */
public final class MaskingJsonGenerator extends JsonGeneratorDelegate {

    private static final int EMIT = JsonMaskCursor.EMIT;
    private static final int REPLACE = JsonMaskCursor.REPLACE;

    private final JsonMaskCursor cursor;
    private final SerializerOutput output;
    /** A property name held back until its value is decided (the cursor answered DEFER). */
    private String deferredName;

    MaskingJsonGenerator(JsonGenerator delegate, JsonMaskCursor cursor, SerializerOutput output) {
        super(delegate, false);
        this.cursor = cursor;
        this.output = output;
    }

    // ---- structure

    @Override
    public JsonGenerator writeStartArray() {
        if (start(named(cursor.startArray()))) delegate.writeStartArray();
        return this;
    }

    @Override
    public JsonGenerator writeStartArray(Object forValue) {
        if (start(named(cursor.startArray()))) delegate.writeStartArray(forValue);
        return this;
    }

    @Override
    public JsonGenerator writeStartArray(Object forValue, int size) {
        if (start(named(cursor.startArray()))) delegate.writeStartArray(forValue, size);
        return this;
    }

    @Override
    public JsonGenerator writeEndArray() {
        if (cursor.endContainer() == EMIT) delegate.writeEndArray();
        return this;
    }

    @Override
    public JsonGenerator writeStartObject() {
        if (start(named(cursor.startObject()))) delegate.writeStartObject();
        return this;
    }

    @Override
    public JsonGenerator writeStartObject(Object forValue) {
        if (start(named(cursor.startObject()))) delegate.writeStartObject(forValue);
        return this;
    }

    @Override
    public JsonGenerator writeStartObject(Object forValue, int size) {
        if (start(named(cursor.startObject()))) delegate.writeStartObject(forValue, size);
        return this;
    }

    @Override
    public JsonGenerator writeEndObject() {
        if (cursor.endContainer() == EMIT) delegate.writeEndObject();
        return this;
    }

    @Override
    public JsonGenerator writeName(String name) {
        field(cursor.field(name, owner()), name);
        return this;
    }

    @Override
    public JsonGenerator writeName(SerializableString name) {
        field(cursor.field(name.getValue(), owner()), name.getValue());
        return this;
    }

    @Override
    public JsonGenerator writePropertyId(long id) {
        writeName(Long.toString(id));
        return this;
    }

    @Override
    public JsonGenerator writeOmittedProperty(String name) {
        // nothing is written for an omitted field
        return this;
    }

    /** The class of the object whose property is being written (a bean, a record, a map), or null. */
    private Class<?> owner() {
        Object value = delegate.currentValue();
        return value == null ? null : value.getClass();
    }

    private void field(int decision, String name) {
        if (decision == EMIT) delegate.writeName(name);
        else if (decision == JsonMaskCursor.DEFER) deferredName = name;
    }

    /** Writes a held-back name unless its value is dropped; returns the value's decision. */
    private int named(int decision) {
        if (deferredName != null) {
            if (decision != JsonMaskCursor.SKIP) delegate.writeName(deferredName);
            deferredName = null;
        }
        return decision;
    }

    /** True when the container itself is to be written; writes the replacement when it is redacted. */
    private boolean start(int decision) {
        if (decision == REPLACE) delegate.writeString(cursor.replacement());
        return decision == EMIT;
    }

    // ---- arrays of primitives: element by element, so each element is checked

    @Override
    public JsonGenerator writeArray(int[] array, int offset, int length) {
        writeStartArray(array, length);
        for (int i = offset; i < offset + length; i++) writeNumber(array[i]);
        writeEndArray();
        return this;
    }

    @Override
    public JsonGenerator writeArray(long[] array, int offset, int length) {
        writeStartArray(array, length);
        for (int i = offset; i < offset + length; i++) writeNumber(array[i]);
        writeEndArray();
        return this;
    }

    @Override
    public JsonGenerator writeArray(double[] array, int offset, int length) {
        writeStartArray(array, length);
        for (int i = offset; i < offset + length; i++) writeNumber(array[i]);
        writeEndArray();
        return this;
    }

    @Override
    public JsonGenerator writeArray(String[] array, int offset, int length) {
        writeStartArray(array, length);
        for (int i = offset; i < offset + length; i++) writeString(array[i]);
        writeEndArray();
        return this;
    }

    // ---- strings

    @Override
    public JsonGenerator writeString(String text) {
        if (text == null) {
            writeNull();
            return this;
        }
        int d = named(cursor.string(text));
        if (d == EMIT) delegate.writeString(text);
        else if (d == REPLACE) delegate.writeString(cursor.replacement());
        return this;
    }

    @Override
    public JsonGenerator writeString(char[] text, int offset, int len) {
        writeString(new String(text, offset, len));
        return this;
    }

    @Override
    public JsonGenerator writeString(SerializableString text) {
        int d = named(cursor.string(text.getValue()));
        if (d == EMIT) delegate.writeString(text);
        else if (d == REPLACE) delegate.writeString(cursor.replacement());
        return this;
    }

    @Override
    public JsonGenerator writeString(Reader reader, int len) {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[4096];
        int n;
        try {
            while ((len < 0 || sb.length() < len) && (n = reader.read(buf, 0, len < 0 ? buf.length : Math.min(buf.length, len - sb.length()))) > 0) {
                sb.append(buf, 0, n);
            }
        } catch (IOException e) {
            throw tools.jackson.core.exc.JacksonIOException.construct(e);
        }
        writeString(sb.toString());
        return this;
    }

    @Override
    public JsonGenerator writeRawUTF8String(byte[] text, int offset, int length) {
        return writeString(new String(text, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public JsonGenerator writeUTF8String(byte[] text, int offset, int length) {
        return writeString(new String(text, offset, length, StandardCharsets.UTF_8));
    }

    // ---- numbers: decided on their JSON text, written natively when kept

    @Override
    public JsonGenerator writeNumber(short v) {
        if (number(Short.toString(v))) delegate.writeNumber(v);
        return this;
    }

    @Override
    public JsonGenerator writeNumber(int v) {
        if (number(Integer.toString(v))) delegate.writeNumber(v);
        return this;
    }

    @Override
    public JsonGenerator writeNumber(long v) {
        if (number(Long.toString(v))) delegate.writeNumber(v);
        return this;
    }

    @Override
    public JsonGenerator writeNumber(BigInteger v) {
        if (v == null) writeNull();
        else if (number(v.toString())) delegate.writeNumber(v);
        return this;
    }

    @Override
    public JsonGenerator writeNumber(double v) {
        if (number(Double.toString(v))) delegate.writeNumber(v);
        return this;
    }

    @Override
    public JsonGenerator writeNumber(float v) {
        if (number(Float.toString(v))) delegate.writeNumber(v);
        return this;
    }

    @Override
    public JsonGenerator writeNumber(BigDecimal v) {
        if (v == null) writeNull();
        else if (number(v.toString())) delegate.writeNumber(v);
        return this;
    }

    @Override
    public JsonGenerator writeNumber(String encoded) {
        if (encoded == null) writeNull();
        else if (number(encoded)) delegate.writeNumber(encoded);
        return this;
    }

    @Override
    public JsonGenerator writeNumber(char[] text, int offset, int len) {
        writeNumber(new String(text, offset, len));
        return this;
    }

    private boolean number(String text) {
        int d = named(cursor.number(text));
        if (d == REPLACE) delegate.writeString(cursor.replacement());
        return d == EMIT;
    }

    // ---- literals and binary

    @Override
    public JsonGenerator writeBoolean(boolean state) {
        int d = named(cursor.literal(state ? "true" : "false"));
        if (d == EMIT) delegate.writeBoolean(state);
        else if (d == REPLACE) delegate.writeString(cursor.replacement());
        return this;
    }

    @Override
    public JsonGenerator writeNull() {
        int d = named(cursor.literal("null"));
        if (d == EMIT) delegate.writeNull();
        else if (d == REPLACE) delegate.writeString(cursor.replacement());
        return this;
    }

    @Override
    public JsonGenerator writeBinary(Base64Variant variant, byte[] data, int offset, int len) {
        byte[] slice = new byte[len];
        System.arraycopy(data, offset, slice, 0, len);
        String text = variant.encode(slice);
        int d = named(cursor.string(text));
        if (d == EMIT) delegate.writeBinary(variant, data, offset, len);
        else if (d == REPLACE) delegate.writeString(cursor.replacement());
        return this;
    }

    @Override
    public int writeBinary(Base64Variant variant, InputStream data, int dataLength) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            data.transferTo(bytes);
        } catch (IOException e) {
            throw tools.jackson.core.exc.JacksonIOException.construct(e);
        }
        byte[] all = bytes.toByteArray();
        writeBinary(variant, all, 0, all.length);
        return all.length;
    }

    @Override
    public JsonGenerator writeEmbeddedObject(Object object) {
        if (object == null) writeNull();
        else if (object instanceof byte[] b) writeBinary(b);
        else {
            output.taint("embedded object of type " + object.getClass().getName());
            delegate.writeEmbeddedObject(object);
        }
        return this;
    }

    // ---- raw JSON cannot be checked value by value here: the wire engine (or withholding) takes over

    @Override
    public JsonGenerator writeRaw(String text) {
        output.taint("writeRaw");
        delegate.writeRaw(text);
        return this;
    }

    @Override
    public JsonGenerator writeRaw(String text, int offset, int len) {
        output.taint("writeRaw");
        delegate.writeRaw(text, offset, len);
        return this;
    }

    @Override
    public JsonGenerator writeRaw(SerializableString raw) {
        output.taint("writeRaw");
        delegate.writeRaw(raw);
        return this;
    }

    @Override
    public JsonGenerator writeRaw(char[] text, int offset, int len) {
        output.taint("writeRaw");
        delegate.writeRaw(text, offset, len);
        return this;
    }

    @Override
    public JsonGenerator writeRaw(char c) {
        output.taint("writeRaw");
        delegate.writeRaw(c);
        return this;
    }

    @Override
    public JsonGenerator writeRawValue(String text) {
        rawValue(text);
        return this;
    }

    @Override
    public JsonGenerator writeRawValue(String text, int offset, int len) {
        rawValue(text.substring(offset, offset + len));
        return this;
    }

    @Override
    public JsonGenerator writeRawValue(char[] text, int offset, int len) {
        rawValue(new String(text, offset, len));
        return this;
    }

    /** A raw value is one value for the cursor (so positions stay aligned); what is inside it is not checked here. */
    private void rawValue(String text) {
        output.taint("writeRawValue");
        int d = named(cursor.string(text));
        if (d == EMIT) delegate.writeRawValue(text);
        else if (d == REPLACE) delegate.writeString(cursor.replacement());
    }
}
