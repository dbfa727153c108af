package dev.warden.policy.model;

import java.time.Duration;

/**
 * How many sensitive values (selected by a field rule, yet let through in clear for this caller) one key may
 * receive per period. When spent, further such values are redacted; with {@code denyWhenSpent} requests get 429.
 */
public record DataBudgetSpec(LimitKey by, long maxValues, Duration per, boolean denyWhenSpent) {
}
