package dev.warden.testapp.undertowjsonb;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;
import java.util.List;

/**
 * One customer record, full of the kinds of data Warden is expected to mask.
 *
 * <p>JSON-B orders properties lexicographically unless told otherwise, so the contract's order (that of
 * {@code fixture.json}) is spelled out. Yasson reads a record through its canonical constructor. {@code balance} is a
 * {@link BigDecimal} so that {@code 0}, {@code 1520.75} and {@code -12.5} are written back exactly as the numbers
 * they were read as (see {@link Json} for how it is kept a number).
 */
@JsonbPropertyOrder({"id", "name", "email", "phone", "ssn", "card", "address", "tags", "balance", "notes"})
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
