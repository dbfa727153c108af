package dev.warden.policy.model;

/** What happens to a selected JSON value. */
public enum FieldAction {
    /** The property (or array element) disappears. */
    REMOVE,
    /** The value, of any type, becomes a fixed string. */
    REDACT,
    /** Letters and digits become {@code *} except a kept prefix/suffix; a container has every leaf masked. */
    MASK,
    /** The value passes in clear: an explicit exemption that stops later rules (and counts against a data budget). */
    KEEP
}
