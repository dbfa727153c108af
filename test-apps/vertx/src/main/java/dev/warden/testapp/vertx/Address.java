package dev.warden.testapp.vertx;

import io.vertx.core.json.JsonObject;

/** A postal address as it appears inside a {@link Customer}. */
public record Address(String street, String city, String postcode, String country) {

    /** The address in {@code json}, or null for a null {@code json}. */
    public static Address fromJson(JsonObject json) {
        return json == null ? null : new Address(json.getString("street"), json.getString("city"),
                json.getString("postcode"), json.getString("country"));
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("street", street).put("city", city).put("postcode", postcode).put("country", country);
    }
}
