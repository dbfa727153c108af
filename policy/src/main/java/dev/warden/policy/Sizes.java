package dev.warden.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Policy sizes: a whole number and a unit, {@code 512KB 100MB 1GB} (powers of 1024), or a plain number of bytes. */
public final class Sizes {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,12})\\s*(B|KB|MB|GB)?");

    private Sizes() {
    }

    /** The size in bytes, or -1 when the text is not of that form. */
    public static long parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) return -1;
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        return switch (unit) {
            case "KB" -> n << 10;
            case "MB" -> n << 20;
            case "GB" -> n << 30;
            default -> n;
        };
    }

    public static final String FORMAT_HINT = "use a whole number and a unit: 512KB, 100MB or 1GB (or a number of bytes)";
}
