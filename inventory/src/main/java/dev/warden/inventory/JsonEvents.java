package dev.warden.inventory;

/**
 * A JSON document as a sequence of events, as a serializer writes it or a parser reads it. Implementations that
 * record never throw: a sampled response must not fail because of the inventory.
 */
public interface JsonEvents {

    void startObject();

    void startArray();

    /** The end of the innermost object or array. */
    void end();

    /** A member name; its value's events follow. */
    void name(String name);

    void string(String value);

    /** A number, as its JSON text. */
    void number(String text);

    /** true, false or null. */
    void literal(String text);
}
