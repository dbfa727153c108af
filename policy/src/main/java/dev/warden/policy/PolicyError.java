package dev.warden.policy;

/**
 * One problem found in a policy file, located precisely enough for an editor to jump to it.
 * Lines and columns are 1-based, as editors and compilers print them.
 */
public record PolicyError(String file, int line, int column, String message) {

    /** The compiler-style form every tool prints: {@code FILE:LINE:COL: message}. */
    public String format() {
        return file + ":" + line + ":" + column + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
