package dev.warden.testapp.micronaut;

import java.math.BigDecimal;
import java.util.List;

/**
 * One customer record, full of the kinds of data Warden is expected to mask.
 *
 * <p>Jackson 2 serializes record components in declaration order, so the order here is the
 * property order of the JSON contract (the same as {@code fixture.json}). {@code balance} is a
 * {@link BigDecimal} so that {@code 0}, {@code 1520.75} and {@code -12.5} are written back
 * exactly as the numbers they were read as.
 */
public record Customer(
        String id,
        @Sensitive String name,
        String email,
        String phone,
        String ssn,
        Card card,
        Address address,
        List<String> tags,
        BigDecimal balance,
        String notes) {

    /** The same customer under another id (used when a POSTed record is stored). */
    public Customer withId(String newId) {
        return new Customer(newId, name, email, phone, ssn, card, address, tags, balance, notes);
    }
}
