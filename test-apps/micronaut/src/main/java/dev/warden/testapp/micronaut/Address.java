package dev.warden.testapp.micronaut;

/** A postal address as it appears inside a {@link Customer}. */
public record Address(String street, String city, String postcode, String country) {
}
