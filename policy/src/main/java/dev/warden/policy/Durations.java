package dev.warden.policy;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Policy durations: a whole number and one unit, {@code 500ms 30s 1m 1h 1d}; nothing fancier, so nothing ambiguous. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,12})(ms|s|m|h|d)");

    private Durations() {
    }

    /** The duration, or null when the text is not of that form. */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) return null;
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    public static final String FORMAT_HINT = "use a whole number and a unit: 500ms, 30s, 1m, 1h or 1d";
}
