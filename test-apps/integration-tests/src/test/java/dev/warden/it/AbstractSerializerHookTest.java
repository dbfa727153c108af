package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A serializer hook (Jackson 2 or 3, Gson, JSON-B) masks while the application serializes, and then the wire
 * engine leaves those bytes alone; bodies that bypass the serializer (the /raw endpoint) are masked on the wire.
 * Uses Warden's debug trace, which names the engine that masked each body. One subclass per app and JSON library.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
abstract class AbstractSerializerHookTest {

    /** The test app. */
    protected abstract String appName();

    /** What the app's start-up line says it serializes with ("with CLASS (LIBRARY VERSION"). */
    protected abstract String ownJsonLibrary();

    /** Bodies the application serializes through its framework's usual path (all must be masked by the hook). */
    protected List<String> serializedPaths() {
        return List.of("/api/customers", "/api/customers/c-1001");
    }

    /** A body written by a generator or writer the application made itself on the response. */
    protected String handMadePath() {
        return "/api/customers/export?count=5";
    }

    private static final Pattern TRACE = Pattern.compile("warden: debug: response body of (\\S+) (\\S+) \\(route [^)]*\\) masked (by the serializer hook|on the wire)");

    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;

    @BeforeAll
    void start() {
        policy = PolicyFiles.render("main.yaml", "main-serializer.yaml", Map.of("mode", "enforce"));
        app = AppProcess.builder(appName()).policy(policy.path()).jvmArg("-Dwarden.debug=true")
                .logName(appName() + "-" + getClass().getSimpleName()).start().awaitReady();
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
        String bare = path.replaceAll("\\?.*", "");
        if (bare.equals("/api/customers") || bare.equals("/api/customers/c-1001")) {
            // masked exactly as the policy says, whichever engine did it
            JsonNode unprotected = bare.equals("/api/customers") ? Fixture.customers() : Fixture.customer("c-1001");
            Fixture.assertSameJson(Fixture.protect(unprotected), Http.json(r), () -> path + ": " + r.body());
        }
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
    void frameworkBodiesAreMaskedByTheSerializerHook() {
        for (String path : serializedPaths()) assertEquals("by the serializer hook", engineFor(path), path);
    }

    @Test
    void handMadeGeneratorOnTheResponseIsHookedToo() {
        assertEquals("by the serializer hook", engineFor(handMadePath()));
    }

    @Test
    void rawBytesBypassingTheSerializerAreMaskedOnTheWire() {
        assertEquals("on the wire", engineFor("/api/customers/c-1001/raw"));
    }

    @Test
    void theApplicationKeepsItsOwnJsonLibrary() {
        // The app logs which JSON library it writes with: its own, never Warden's relocated copy.
        String out = app.stdoutText() + app.stderrText();
        assertTrue(out.contains(ownJsonLibrary()), out);
        assertFalse(out.contains("dev.warden.shaded.com.fasterxml"), "Warden's relocated Jackson leaked into the app");
        assertFalse(out.contains("dev.warden.shaded.com.google.gson"), "Warden's relocated Gson leaked into the app");
    }

    @Test
    void eachBodyIsMaskedExactlyOnce() {
        AppProcess.Mark mark = app.mark();
        assertEquals(200, http.get(serializedPaths().get(serializedPaths().size() - 1), policy.key("reader")).statusCode());
        AppProcess.sleep(300);
        Matcher m = TRACE.matcher(app.outputSince(mark));
        int traces = 0;
        while (m.find()) traces++;
        assertEquals(1, traces, () -> "one engine decision per body expected:\n" + app.outputSince(mark));
        assertTrue(traces > 0);
    }
}
