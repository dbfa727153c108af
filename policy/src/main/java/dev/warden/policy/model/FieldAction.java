package dev.warden.policy.model;

/** What happens to a selected JSON value (or, for detecting rules, to each detected part of a string). */
public enum FieldAction {
    /** The property (or array element) disappears; a detected part is cut out of its string. */
    REMOVE,
    /** The value, of any type, becomes a fixed string. */
    REDACT,
    /** Letters and digits become {@code *} except a kept prefix/suffix; a container has every leaf masked. */
    MASK,
    /** The value passes in clear: an explicit exemption that stops later rules (and counts against a data budget). */
    KEEP,
    /** An e-mail address keeps its domain and the first character of its local part: {@code a**@example.com}. */
    KEEP_DOMAIN,
    /** HMAC-SHA-256 with the policy's tokenization key, hex, prefix {@code h_}: equal values, equal hashes. */
    HASH,
    /** A deterministic token, prefix {@code tok_}, reversible only with the key ({@code detokenize}). */
    TOKENIZE,
    /** Format-preserving encryption of the digits (FF1): same length and separators, reversible with the key. */
    FPE
}
