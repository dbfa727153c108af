package dev.warden.policy.mask;

/**
 * The sensitive values one response may still carry in clear (see {@code dataBudget}). Asked once per value that
 * a rule selected but let through; a refusal turns that value into a redaction.
 */
public interface ClearValueBudget {

    /** Takes one value from the budget; false when it is spent. */
    boolean take();
}
