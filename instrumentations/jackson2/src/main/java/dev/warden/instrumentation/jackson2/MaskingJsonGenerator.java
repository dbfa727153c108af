package dev.warden.instrumentation.jackson2;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
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
 * A Jackson 2 generator that applies Warden's field rules as values are written: every structural and value call
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
    public void writeStartArray() throws IOException {
        if (start(named(cursor.startArray()))) delegate.writeStartArray();
    }

    @Override
    public void writeStartArray(int size) throws IOException {
        if (start(named(cursor.startArray()))) delegate.writeStartArray(size);
    }

    @Override
    public void writeStartArray(Object forValue) throws IOException {
        if (start(named(cursor.startArray()))) delegate.writeStartArray(forValue);
    }

    @Override
    public void writeStartArray(Object forValue, int size) throws IOException {
        if (start(named(cursor.startArray()))) delegate.writeStartArray(forValue, size);
    }

    @Override
    public void writeEndArray() throws IOException {
        if (cursor.endContainer() == EMIT) delegate.writeEndArray();
    }

    @Override
    public void writeStartObject() throws IOException {
        if (start(named(cursor.startObject()))) delegate.writeStartObject();
    }

    @Override
    public void writeStartObject(Object forValue) throws IOException {
        if (start(named(cursor.startObject()))) delegate.writeStartObject(forValue);
    }

    @Override
    public void writeStartObject(Object forValue, int size) throws IOException {
        if (start(named(cursor.startObject()))) delegate.writeStartObject(forValue, size);
    }

    @Override
    public void writeEndObject() throws IOException {
        if (cursor.endContainer() == EMIT) delegate.writeEndObject();
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        field(cursor.field(name, owner()), name);
    }

    @Override
    public void writeFieldName(SerializableString name) throws IOException {
        field(cursor.field(name.getValue(), owner()), name.getValue());
    }

    @Override
    public void writeFieldId(long id) throws IOException {
        writeFieldName(Long.toString(id));
    }

    @Override
    public void writeOmittedField(String name) {
        // nothing is written for an omitted field
    }

    /** The class of the object whose property is being written (a bean, a record, a map), or null. */
    private Class<?> owner() {
        Object value = delegate.getCurrentValue();
        return value == null ? null : value.getClass();
    }

    private void field(int decision, String name) throws IOException {
        if (decision == EMIT) delegate.writeFieldName(name);
        else if (decision == JsonMaskCursor.DEFER) deferredName = name;
    }

    /** Writes a held-back name unless its value is dropped; returns the value's decision. */
    private int named(int decision) throws IOException {
        if (deferredName != null) {
            if (decision != JsonMaskCursor.SKIP) delegate.writeFieldName(deferredName);
            deferredName = null;
        }
        return decision;
    }

    /** True when the container itself is to be written; writes the replacement when it is redacted. */
    private boolean start(int decision) throws IOException {
        if (decision == REPLACE) delegate.writeString(cursor.replacement());
        return decision == EMIT;
    }

    // ---- arrays of primitives: element by element, so each element is checked

    @Override
    public void writeArray(int[] array, int offset, int length) throws IOException {
        writeStartArray(array, length);
        for (int i = offset; i < offset + length; i++) writeNumber(array[i]);
        writeEndArray();
    }

    @Override
    public void writeArray(long[] array, int offset, int length) throws IOException {
        writeStartArray(array, length);
        for (int i = offset; i < offset + length; i++) writeNumber(array[i]);
        writeEndArray();
    }

    @Override
    public void writeArray(double[] array, int offset, int length) throws IOException {
        writeStartArray(array, length);
        for (int i = offset; i < offset + length; i++) writeNumber(array[i]);
        writeEndArray();
    }

    @Override
    public void writeArray(String[] array, int offset, int length) throws IOException {
        writeStartArray(array, length);
        for (int i = offset; i < offset + length; i++) writeString(array[i]);
        writeEndArray();
    }

    // ---- strings

    @Override
    public void writeString(String text) throws IOException {
        if (text == null) {
            writeNull();
            return;
        }
        int d = named(cursor.string(text));
        if (d == EMIT) delegate.writeString(text);
        else if (d == REPLACE) delegate.writeString(cursor.replacement());
    }

    @Override
    public void writeString(char[] text, int offset, int len) throws IOException {
        writeString(new String(text, offset, len));
    }

    @Override
    public void writeString(SerializableString text) throws IOException {
        int d = named(cursor.string(text.getValue()));
        if (d == EMIT) delegate.writeString(text);
        else if (d == REPLACE) delegate.writeString(cursor.replacement());
    }

    @Override
    public void writeString(Reader reader, int len) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[4096];
        int n;
        while ((len < 0 || sb.length() < len) && (n = reader.read(buf, 0, len < 0 ? buf.length : Math.min(buf.length, len - sb.length()))) > 0) {
            sb.append(buf, 0, n);
        }
        writeString(sb.toString());
    }

    @Override
    public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length, StandardCharsets.UTF_8));
    }

    // ---- numbers: decided on their JSON text, written natively when kept

    @Override
    public void writeNumber(short v) throws IOException {
        if (number(Short.toString(v))) delegate.writeNumber(v);
    }

    @Override
    public void writeNumber(int v) throws IOException {
        if (number(Integer.toString(v))) delegate.writeNumber(v);
    }

    @Override
    public void writeNumber(long v) throws IOException {
        if (number(Long.toString(v))) delegate.writeNumber(v);
    }

    @Override
    public void writeNumber(BigInteger v) throws IOException {
        if (v == null) writeNull();
        else if (number(v.toString())) delegate.writeNumber(v);
    }

    @Override
    public void writeNumber(double v) throws IOException {
        if (number(Double.toString(v))) delegate.writeNumber(v);
    }

    @Override
    public void writeNumber(float v) throws IOException {
        if (number(Float.toString(v))) delegate.writeNumber(v);
    }

    @Override
    public void writeNumber(BigDecimal v) throws IOException {
        if (v == null) writeNull();
        else if (number(v.toString())) delegate.writeNumber(v);
    }

    @Override
    public void writeNumber(String encoded) throws IOException {
        if (encoded == null) writeNull();
        else if (number(encoded)) delegate.writeNumber(encoded);
    }

    @Override
    public void writeNumber(char[] text, int offset, int len) throws IOException {
        writeNumber(new String(text, offset, len));
    }

    private boolean number(String text) throws IOException {
        int d = named(cursor.number(text));
        if (d == REPLACE) delegate.writeString(cursor.replacement());
        return d == EMIT;
    }

    // ---- literals and binary

    @Override
    public void writeBoolean(boolean state) throws IOException {
        int d = named(cursor.literal(state ? "true" : "false"));
        if (d == EMIT) delegate.writeBoolean(state);
        else if (d == REPLACE) delegate.writeString(cursor.replacement());
    }

    @Override
    public void writeNull() throws IOException {
        int d = named(cursor.literal("null"));
        if (d == EMIT) delegate.writeNull();
        else if (d == REPLACE) delegate.writeString(cursor.replacement());
    }

    @Override
    public void writeBinary(Base64Variant variant, byte[] data, int offset, int len) throws IOException {
        byte[] slice = new byte[len];
        System.arraycopy(data, offset, slice, 0, len);
        String text = variant.encode(slice);
        int d = named(cursor.string(text));
        if (d == EMIT) delegate.writeBinary(variant, data, offset, len);
        else if (d == REPLACE) delegate.writeString(cursor.replacement());
    }

    @Override
    public int writeBinary(Base64Variant variant, InputStream data, int dataLength) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        data.transferTo(bytes);
        byte[] all = bytes.toByteArray();
        writeBinary(variant, all, 0, all.length);
        return all.length;
    }

    @Override
    public void writeEmbeddedObject(Object object) throws IOException {
        if (object == null) writeNull();
        else if (object instanceof byte[] b) writeBinary(b);
        else {
            output.taint("embedded object of type " + object.getClass().getName());
            delegate.writeEmbeddedObject(object);
        }
    }

    // ---- raw JSON cannot be checked value by value here: the wire engine (or withholding) takes over

    @Override
    public void writeRaw(String text) throws IOException {
        output.taint("writeRaw");
        delegate.writeRaw(text);
    }

    @Override
    public void writeRaw(String text, int offset, int len) throws IOException {
        output.taint("writeRaw");
        delegate.writeRaw(text, offset, len);
    }

    @Override
    public void writeRaw(SerializableString raw) throws IOException {
        output.taint("writeRaw");
        delegate.writeRaw(raw);
    }

    @Override
    public void writeRaw(char[] text, int offset, int len) throws IOException {
        output.taint("writeRaw");
        delegate.writeRaw(text, offset, len);
    }

    @Override
    public void writeRaw(char c) throws IOException {
        output.taint("writeRaw");
        delegate.writeRaw(c);
    }

    @Override
    public void writeRawValue(String text) throws IOException {
        rawValue(text);
    }

    @Override
    public void writeRawValue(String text, int offset, int len) throws IOException {
        rawValue(text.substring(offset, offset + len));
    }

    @Override
    public void writeRawValue(char[] text, int offset, int len) throws IOException {
        rawValue(new String(text, offset, len));
    }

    /** A raw value is one value for the cursor (so positions stay aligned); what is inside it is not checked here. */
    private void rawValue(String text) throws IOException {
        output.taint("writeRawValue");
        int d = named(cursor.string(text));
        if (d == EMIT) delegate.writeRawValue(text);
        else if (d == REPLACE) delegate.writeString(cursor.replacement());
    }
}
