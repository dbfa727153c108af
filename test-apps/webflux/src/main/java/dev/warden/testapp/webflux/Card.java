package dev.warden.testapp.webflux;

/** A payment card as it appears inside a {@link Customer}. */
public record Card(String number, String expiry, String holder) {
}
