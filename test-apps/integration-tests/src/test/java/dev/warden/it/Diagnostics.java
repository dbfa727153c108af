package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the agent writes for humans: the startup line, and policy errors as {@code FILE:LINE:COL: message}. */
public final class Diagnostics {
    private Diagnostics() {}

    /** One policy error line. */
    public record PolicyError(String line, int lineNo, int column, String message) {}

    /** Lines of {@code output} of the form {@code FILE:LINE:COL: message} for exactly this FILE (path as given). */
    public static List<PolicyError> policyErrors(String output, String file) {
        Pattern p = Pattern.compile("^" + Pattern.quote(file) + ":(\\d+):(\\d+): (\\S.*)$");
        return output.lines()
                .map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l)
                .map(p::matcher)
                .filter(Matcher::matches)
                .map(m -> new PolicyError(m.group(0), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3)))
                .toList();
    }

    /**
     * The agent's startup line on stderr: exactly one line mentioning Warden and the policy file (as given), and that
     * line also names the mode, the version (without -SNAPSHOT) and the route count.
     */
    public static String assertStartupLine(AppProcess app, String policyFile, String mode, int routeCount) {
        String stderr = app.stderrText();
        List<String> lines = stderr.lines()
                .filter(l -> l.toLowerCase(Locale.ROOT).contains("warden") && l.contains(policyFile))
                .toList();
        assertEquals(1, lines.size(), () -> "expected exactly one stderr line mentioning Warden and " + policyFile
                + ", got " + lines + "\n" + app.tail());
        String line = lines.get(0);
        assertTrue(line.contains("Warden"), () -> "startup line must mention \"Warden\": " + line);
        assertTrue(line.toLowerCase(Locale.ROOT).contains(mode), () -> "startup line must name the mode " + mode + ": " + line);
        String version = Locations.version().replace("-SNAPSHOT", "");
        assertTrue(line.contains(version), () -> "startup line must name the version " + version + ": " + line);
        String withoutPath = line.replace(policyFile, " ").replace(Locations.version(), " ").replace(version, " ");
        assertTrue(Pattern.compile("(?<![\\d.])" + routeCount + "(?![\\d.])").matcher(withoutPath).find(),
                () -> "startup line must give the route count " + routeCount + ": " + line);
        return line;
    }
}
