package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Policies that fail to load or validate: the app JVM must exit with status 78 within 60 s without ever answering
 * HTTP, having printed every error on stderr as {@code FILE:LINE:COL: message} (FILE = the path as given);
 * {@code java -jar warden-agent.jar check FILE} must print the same error lines and exit 1, and exit 0 with a one-line
 * summary for a valid policy.
 * <p>
 * Each bad template holds exactly one defect, on a line of its own that also holds the whole enclosing route (flow
 * style), so the expected LINE does not depend on whether the error is reported at the key, the value or the mapping.
 */
@Timeout(180)
class BadPolicyTest {
    private static final String APP = "spring-mvc";
    private static final int EX_CONFIG = 78;
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    /** How a missing file may be described; the contract only asks for the file name and a clear message. */
    private static final Pattern MISSING = Pattern.compile(
            "(?i)not found|no ?such|does not exist|doesn't exist|not exist|missing|cannot (read|open|find)|can't (read|open|find)|unable to (read|open|find)|not readable");

    enum Case {
        UNKNOWN_KEY("bad-unknown-key.yaml", "authenticat:"),
        BAD_DURATION("bad-duration.yaml", "per: 5x"),
        INVALID_CEL("bad-cel.yaml", "exists("),
        MISSING_FILE(null, null);

        final String template;
        final String marker;

        Case(String template, String marker) {
            this.template = template;
            this.marker = marker;
        }
    }

    /** A policy file under test and, for the bad templates, the line the error must point at. */
    private record Subject(Path path, int expectedLine) {
        String given() {
            return path.toString();
        }
    }

    /** What the agent printed when it refused to start (shared by the launch and check tests; run once per case). */
    private record Refusal(Subject subject, AppProcess.Exit exit, String stderr, String tail) {}

    private static final Map<Case, Subject> SUBJECTS = new ConcurrentHashMap<>();
    private static final Map<Case, Refusal> REFUSALS = new ConcurrentHashMap<>();

    private static Subject subject(Case c) {
        return SUBJECTS.computeIfAbsent(c, k -> {
            if (k.template == null) {
                return new Subject(PolicyFiles.missing("does-not-exist.yaml"), -1);
            }
            PolicyFiles.Policy p = PolicyFiles.render(k.template, k.template);
            return new Subject(p.path(), p.lineOf(k.marker));
        });
    }

    private static Refusal refusal(Case c) {
        return REFUSALS.computeIfAbsent(c, k -> {
            Subject s = subject(k);
            return launchExpectingRefusal(AppProcess.builder(APP).policy(s.path()), s, "refuse-" + slug(k));
        });
    }

    private static Refusal launchExpectingRefusal(AppProcess.Builder builder, Subject s, String logName) {
        try (AppProcess app = builder.logName(logName).start()) {
            AppProcess.Exit exit = app.awaitExit(EXIT_TIMEOUT, true);
            return new Refusal(s, exit, app.stderrText(), app.tail());
        }
    }

    // ---- the agent refuses to start --------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Case.class)
    void agentRefusesToStart(Case c) {
        Refusal r = refusal(c);
        Supplier<String> ctx = r::tail;
        assertRefused(r, c.toString());
        if (c == Case.MISSING_FILE) {
            assertMissingFileReported(r.stderr(), r.subject().given(), ctx);
        } else {
            assertErrorAt(r.stderr(), r.subject(), ctx);
        }
    }

    @Test
    void missingPolicyGivenBySystemProperty() {
        Subject s = new Subject(PolicyFiles.missing("missing-via-property.yaml"), -1);
        Refusal r = launchExpectingRefusal(
                AppProcess.builder(APP).agentOptions(null).jvmArg("-Dwarden.policy=" + s.given()), s, "missing-via-property");
        assertRefused(r, "missing policy given by -Dwarden.policy");
        assertMissingFileReported(r.stderr(), s.given(), r::tail);
    }

    @Test
    void missingPolicyGivenByEnvironment() {
        Subject s = new Subject(PolicyFiles.missing("missing-via-env.yaml"), -1);
        Refusal r = launchExpectingRefusal(
                AppProcess.builder(APP).agentOptions(null).env("WARDEN_POLICY", s.given()), s, "missing-via-env");
        assertRefused(r, "missing policy given by WARDEN_POLICY");
        assertMissingFileReported(r.stderr(), s.given(), r::tail);
    }

    // ---- check CLI -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Case.class)
    void checkReportsTheSameErrorsAndExits1(Case c) {
        Subject s = subject(c);
        AgentCli.Result check = AgentCli.check(s.path(), "check-" + slug(c));
        Supplier<String> ctx = check::describe;
        assertEquals(1, check.exitCode(), () -> "check " + c + ": expected exit 1, got " + check.exitCode() + "\n" + ctx.get());
        String output = String.join("\n", check.lines());
        if (c == Case.MISSING_FILE) {
            assertMissingFileReported(output, s.given(), ctx);
            return;
        }
        assertErrorAt(output, s, ctx);
        Refusal agent = refusal(c);
        assertEquals(Diagnostics.policyErrors(agent.stderr(), s.given()), Diagnostics.policyErrors(output, s.given()),
                () -> "check must print the same error lines as the agent at startup\n" + ctx.get() + "\nagent:\n" + agent.tail());
    }

    @Test
    void checkAcceptsTheMainPolicyWithAOneLineSummary() {
        PolicyFiles.Policy valid = PolicyFiles.render("main.yaml", "check-valid.yaml", Map.of("mode", "enforce"));
        AgentCli.Result check = AgentCli.check(valid.path(), "check-valid");
        assertEquals(0, check.exitCode(), () -> "check of a valid policy: expected exit 0, got " + check.exitCode() + "\n" + check.describe());
        List<String> lines = check.lines();
        assertEquals(1, lines.size(), () -> "check must print a one-line summary\n" + check.describe());
        assertTrue(Diagnostics.policyErrors(lines.get(0), valid.given()).isEmpty(), check::describe);
    }

    // ---- assertions ------------------------------------------------------------------------------------------------

    /** Exit status 78 (EX_CONFIG) within the timeout, and no HTTP answer at any point before that. */
    private static void assertRefused(Refusal r, String what) {
        assertEquals(EX_CONFIG, r.exit().status(),
                () -> what + ": expected exit status " + EX_CONFIG + ", got " + r.exit().status() + "\n" + r.tail());
        assertTrue(r.exit().httpAnswer().isEmpty(), () -> what + ": the app must never answer HTTP with a bad policy, but it did:\n"
                + r.exit().httpAnswer().get() + "\n" + r.tail());
    }

    private static String slug(Case c) {
        return c.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** At least one FILE:LINE:COL: error for this file, one of them on the expected line, all with sane positions. */
    private static void assertErrorAt(String output, Subject s, Supplier<String> ctx) {
        List<Diagnostics.PolicyError> errors = Diagnostics.policyErrors(output, s.given());
        assertFalse(errors.isEmpty(), () -> "expected error lines '" + s.given() + ":LINE:COL: message'\n" + ctx.get());
        for (Diagnostics.PolicyError e : errors) {
            assertTrue(e.lineNo() >= 1 && e.column() >= 1, () -> "LINE and COL are 1-based: " + e.line());
        }
        assertTrue(errors.stream().anyMatch(e -> e.lineNo() == s.expectedLine()),
                () -> "an error must point at line " + s.expectedLine() + ", got " + errors + "\n" + ctx.get());
    }

    private static void assertMissingFileReported(String output, String file, Supplier<String> ctx) {
        assertTrue(output.lines().anyMatch(l -> l.contains(file) && MISSING.matcher(l).find()),
                () -> "expected a line naming " + file + " and saying it is missing/unreadable (/" + MISSING + "/)\n" + ctx.get());
    }
}
