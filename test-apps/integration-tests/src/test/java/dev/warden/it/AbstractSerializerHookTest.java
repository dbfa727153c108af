package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A Jackson hook masks while Spring serializes, and then the wire engine leaves those bytes alone; bodies that
 * bypass Jackson (the /raw endpoint) are masked on the wire. Uses Warden's debug trace, which names the engine
 * that masked each body. One subclass per app and Jackson major version.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
abstract class AbstractSerializerHookTest {

    /** The test app. */
    protected abstract String appName();

    /** What the app's start-up line says it serializes with ("with CLASS (jackson-databind VERSION"). */
    protected abstract String ownJackson();

    private static final Pattern TRACE = Pattern.compile("warden: debug: response body of (\\S+) (\\S+) \\(route [^)]*\\) masked (by the serializer hook|on the wire)");

    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;

    @BeforeAll
    void start() {
        policy = PolicyFiles.render("main.yaml", "main-serializer.yaml", Map.of("mode", "enforce"));
        app = AppProcess.builder(appName()).policy(policy.path()).jvmArg("-Dwarden.debug=true")
                .logName(appName() + "-serializer").start().awaitReady();
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) app.close();
    }

    private String engineFor(String path) {
        AppProcess.Mark mark = app.mark();
        HttpResponse<String> r = http.get(path, policy.key("reader"));
        assertEquals(200, r.statusCode(), () -> Http.describe(r));
        assertFalse(r.body().contains("123-45-6789"), "ssn must be removed: " + r.body());
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            Matcher m = TRACE.matcher(app.outputSince(mark));
            while (m.find()) {
                if (m.group(2).startsWith(path.replaceAll("\\?.*", ""))) return m.group(3);
            }
            AppProcess.sleep(50);
        }
        throw new AssertionError("no masking trace for " + path + "\n" + app.tail());
    }

    @Test
    void springMessageConverterBodiesAreMaskedByTheJacksonHook() {
        assertEquals("by the serializer hook", engineFor("/api/customers"));
        assertEquals("by the serializer hook", engineFor("/api/customers/c-1001"));
    }

    @Test
    void handMadeJacksonGeneratorOnTheResponseStreamIsHookedToo() {
        assertEquals("by the serializer hook", engineFor("/api/customers/export?count=5"));
    }

    @Test
    void rawBytesBypassingJacksonAreMaskedOnTheWire() {
        assertEquals("on the wire", engineFor("/api/customers/c-1001/raw"));
    }

    @Test
    void theApplicationKeepsItsOwnJackson() {
        // The app logs which ObjectMapper Spring writes JSON with: its own, never Warden's copy.
        String out = app.stdoutText() + app.stderrText();
        assertTrue(out.contains(ownJackson()), out);
        assertFalse(out.contains("dev.warden.shaded.com.fasterxml"), "Warden's relocated Jackson leaked into the app");
    }

    @Test
    void eachBodyIsMaskedExactlyOnce() {
        AppProcess.Mark mark = app.mark();
        assertEquals(200, http.get("/api/customers/c-1002", policy.key("reader")).statusCode());
        AppProcess.sleep(300);
        Matcher m = TRACE.matcher(app.outputSince(mark));
        int traces = 0;
        while (m.find()) traces++;
        assertEquals(1, traces, () -> "one engine decision per body expected:\n" + app.outputSince(mark));
        assertTrue(traces > 0);
    }
}
