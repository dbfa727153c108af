package dev.warden.testapp.vertx;

import io.vertx.core.json.JsonObject;

/** A payment card as it appears inside a {@link Customer}. */
public record Card(String number, String expiry, String holder) {

    /** The card in {@code json}, or null for a null {@code json}. */
    public static Card fromJson(JsonObject json) {
        return json == null ? null
                : new Card(json.getString("number"), json.getString("expiry"), json.getString("holder"));
    }

    public JsonObject toJson() {
        return new JsonObject().put("number", number).put("expiry", expiry).put("holder", holder);
    }
}
