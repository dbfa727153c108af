package dev.warden.policy.model;

/** At most {@code max} requests of one key on a route in flight at once; the excess is refused, never queued. */
public record ConcurrencySpec(LimitKey by, int max) {
}
