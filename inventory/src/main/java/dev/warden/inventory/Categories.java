package dev.warden.inventory;

import dev.warden.policy.mask.Detector;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sensitive categories found in a value (pan, ssn, email, iban, phone, jwt, secret): the policy's own detectors,
 * so that the inventory calls sensitive exactly what a {@code detect:} rule would find. Only the category is kept,
 * never the value.
 */
final class Categories {

    /** Only the start of a long string is looked into: a sampled response must stay cheap to read. */
    static final int MAX_CHARS = 64 * 1024;

    private Categories() {
    }

    /** The categories found in {@code text}, added to {@code into}; returns whether any was found. */
    static boolean find(String text, Set<String> into) {
        String scanned = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        boolean found = false;
        for (Detector d : Detector.values()) {
            if (!d.find(scanned).isEmpty()) {
                into.add(d.policyName());
                found = true;
            }
        }
        return found;
    }

    static Set<String> of(String text) {
        Set<String> out = new TreeSet<>();
        find(text, out);
        return out;
    }
}
