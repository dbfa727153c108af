package dev.warden.runtime;

import dev.warden.bootstrap.JsonMaskCursor;
import dev.warden.inventory.JsonEvents;

/**
 * A serializer hook's cursor for a sampled response: each event is told to the sample as the application writes it,
 * before the policy's cursor decides what goes out, so the sample sees what the masking removes too.
 */
final class SampledCursor implements JsonMaskCursor {

    private final JsonMaskCursor cursor;
    private final JsonEvents sample;

    SampledCursor(JsonMaskCursor cursor, JsonEvents sample) {
        this.cursor = cursor;
        this.sample = sample;
    }

    @Override
    public int field(String name) {
        sample.name(name);
        return cursor.field(name);
    }

    @Override
    public int field(String name, Class<?> owner) {
        sample.name(name);
        return cursor.field(name, owner); // rules that select by Java type still see the owner
    }

    @Override
    public int startObject() {
        sample.startObject();
        return cursor.startObject();
    }

    @Override
    public int startArray() {
        sample.startArray();
        return cursor.startArray();
    }

    @Override
    public int endContainer() {
        sample.end();
        return cursor.endContainer();
    }

    @Override
    public int string(String value) {
        sample.string(value);
        return cursor.string(value);
    }

    @Override
    public int number(String text) {
        sample.number(text);
        return cursor.number(text);
    }

    @Override
    public int literal(String text) {
        sample.literal(text);
        return cursor.literal(text);
    }

    @Override
    public String replacement() {
        return cursor.replacement();
    }
}
