package dev.warden.policy.auth;

/**
 * One mTLS mapping: a verified client certificate that matches maps to {@code consumer}. Exactly one of the
 * matchers is set: {@code subject} (RFC 2253 DN, {@code *} matches any run of characters), {@code san} (a DNS or
 * URI subject alternative name such as a SPIFFE ID, {@code *} allowed), or {@code sha256} (hex fingerprint of the
 * DER certificate, exact).
 */
public record MtlsIdentity(String consumer, String subject, String san, String sha256) {
}
