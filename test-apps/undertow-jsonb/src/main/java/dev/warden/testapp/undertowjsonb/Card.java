package dev.warden.testapp.undertowjsonb;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A payment card as it appears inside a {@link Customer}. */
@JsonbPropertyOrder({"number", "expiry", "holder"})
public record Card(String number, String expiry, String holder) {
}
