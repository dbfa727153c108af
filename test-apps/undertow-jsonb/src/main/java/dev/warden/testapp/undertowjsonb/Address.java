package dev.warden.testapp.undertowjsonb;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A postal address as it appears inside a {@link Customer}. */
@JsonbPropertyOrder({"street", "city", "postcode", "country"})
public record Address(String street, String city, String postcode, String country) {
}
