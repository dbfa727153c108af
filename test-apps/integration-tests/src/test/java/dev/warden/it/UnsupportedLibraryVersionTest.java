package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * An application whose library is older than an instrumentation supports: test-apps/jetty-gson run with Gson 2.10.1
 * ahead of its own 2.13 (Gson 2.10 lacks JsonWriter.getStrictness(), which the gson hook's helpers call). The gson
 * instrumentation must skip itself, saying so once and naming what is missing, and the application must work as
 * usual, its JSON still masked: by the servlet hook's wire engine, as the warning says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class UnsupportedLibraryVersionTest {
    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;

    @BeforeAll
    void start() {
        Path oldGson = Path.of(System.getProperty("warden.unsupportedGsonJar", "target/old-libs/gson.jar"));
        assertTrue(Files.isRegularFile(oldGson), "the old Gson jar is copied by the build (maven-dependency-plugin): " + oldGson);
        policy = PolicyFiles.render("main.yaml", "main-unsupported-gson.yaml", Map.of("mode", "enforce"));
        app = AppProcess.builder("jetty-gson").classpathFirst(oldGson).policy(policy.path())
                .logName("jetty-gson-unsupported-gson").start().awaitReady();
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) app.close();
    }

    @Test
    void theInstrumentationSkipsItselfOnceNamingWhatIsMissing() {
        http.get("/api/customers", policy.key("reader")); // Gson at work in the app, past any lazy class loading
        String output = app.stdoutText() + app.stderrText();
        Matcher m = Pattern.compile("warden: WARNING: instrumentation gson skipped: .*").matcher(output);
        assertTrue(m.find(), () -> "no skip warning:\n" + app.tail());
        String warning = m.group();
        assertTrue(warning.contains("com.google.gson.stream.JsonWriter.getStrictness()"), warning);
        assertTrue(warning.contains("(supported: gson 2.11"), warning);
        assertFalse(m.find(), () -> "the skip is reported more than once:\n" + output);
        assertEquals(1, output.split("warden: WARNING", -1).length - 1, () -> "other warnings:\n" + output);
    }

    @Test
    void theApplicationStillWorksAndItsJsonIsStillMasked() {
        HttpResponse<String> one = http.get("/api/customers/c-1001", policy.key("reader"));
        assertEquals(200, one.statusCode(), () -> Http.describe(one) + "\n" + app.tail());
        Fixture.assertSameJson(Fixture.protect(Fixture.customer("c-1001")), Http.json(one), one::body);
        HttpResponse<String> all = http.get("/api/customers", policy.key("reader"));
        Fixture.assertSameJson(Fixture.protect(Fixture.customers()), Http.json(all), all::body);
        HttpResponse<String> export = http.get("/api/customers/export?count=20", policy.key("reader"));
        assertEquals(200, export.statusCode(), () -> Http.describe(export));
        assertEquals(20, Http.json(export).size());
        assertFalse(export.body().contains("\"ssn\""), export.body());
    }
}
