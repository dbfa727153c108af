package dev.warden.testapp.vertx;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;

/**
 * One customer record, full of the kinds of data Warden is expected to mask, as a Vert.x data object: read from and
 * written to a {@link JsonObject}, which Vert.x's own JSON codec (Jackson core, no databind) turns into text.
 *
 * <p>{@link #toJson()} puts the properties in the JSON contract's order (the order of {@code fixture.json}) and writes
 * absent values as {@code null}, as the other test apps' serializers do. {@code balance} stays the {@link Number} it
 * was read as (Vert.x reads {@code 0} as an Integer and {@code 1520.75} as a Double), so it is written back as the
 * same number.
 */
public record Customer(
        String id,
        String name,
        String email,
        String phone,
        String ssn,
        Card card,
        Address address,
        List<String> tags,
        Number balance,
        String notes) {

    /**
     * The customer in {@code json}; properties it does not know are ignored, missing ones are null.
     *
     * @throws ClassCastException when a property has the wrong JSON type (an object where a list belongs, ...)
     */
    public static Customer fromJson(JsonObject json) {
        return new Customer(
                json.getString("id"),
                json.getString("name"),
                json.getString("email"),
                json.getString("phone"),
                json.getString("ssn"),
                Card.fromJson(json.getJsonObject("card")),
                Address.fromJson(json.getJsonObject("address")),
                strings(json.getJsonArray("tags")),
                json.getNumber("balance"),
                json.getString("notes"));
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("name", name)
                .put("email", email)
                .put("phone", phone)
                .put("ssn", ssn)
                .put("card", card == null ? null : card.toJson())
                .put("address", address == null ? null : address.toJson())
                .put("tags", tags == null ? null : new JsonArray(tags))
                .put("balance", balance)
                .put("notes", notes);
    }

    /** The same customer under another id (used when a POSTed record is stored). */
    public Customer withId(String newId) {
        return new Customer(newId, name, email, phone, ssn, card, address, tags, balance, notes);
    }

    private static List<String> strings(JsonArray array) {
        if (array == null) {
            return null;
        }
        String[] values = new String[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.getString(i);
        }
        // Arrays.asList, not List.of: a JSON list may hold nulls.
        return Arrays.asList(values);
    }
}
