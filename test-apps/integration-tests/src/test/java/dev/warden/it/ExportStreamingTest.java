package dev.warden.it;

import static dev.warden.it.Http.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A 200 000-record streamed export through the agent in an app JVM limited to -Xmx128m: it must complete, with every
 * record masked. The response is stream-parsed (one record in memory at a time) on this side too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportStreamingTest {
    private static final String APP = "spring-mvc";
    private static final int COUNT = 200_000;

    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;

    @BeforeAll
    void start() {
        policy = PolicyFiles.render("main.yaml", "export-" + APP + ".yaml", Map.of("mode", "enforce"));
        app = AppProcess.builder(APP).heap("-Xmx128m").policy(policy.path()).logName(APP + "-export").start().awaitReady();
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void largeExportStreamsThroughTheAgentFullyMasked() throws IOException {
        HttpResponse<InputStream> r = http.getStream("/api/customers/export?count=" + COUNT, policy.key("reader"),
                Duration.ofMinutes(2));
        long records = 0;
        try (InputStream body = r.body(); JsonParser p = Fixture.JSON.getFactory().createParser(body)) {
            if (r.statusCode() != 200) {
                fail("expected 200, got " + r.statusCode() + " " + r.headers().map() + "\n"
                        + new String(body.readNBytes(4000)) + "\n" + app.tail());
            }
            assertEquals(JsonToken.START_ARRAY, p.nextToken(), () -> "export must be a JSON array\n" + app.tail());
            JsonToken token;
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                if (token != JsonToken.START_OBJECT) {
                    fail("expected record #" + (records + 1) + " to be an object, got " + token + "\n" + app.tail());
                }
                JsonNode record = Fixture.JSON.readTree(p);   // just this record
                records++;
                Fixture.assertProtectedExportRecord(record, records);
            }
            assertNull(p.nextToken(), "nothing may follow the array");
        } catch (IOException e) {
            throw new AssertionError("reading the export failed after " + records + " records: " + e + "\n" + app.tail(), e);
        }
        assertEquals(COUNT, records, "record count");

        assertTrue(app.process().isAlive(), () -> "the app must survive the export\n" + app.tail());
        assertStatus(200, http.get("/health", null), app::tail);
        String output = app.stderrText() + app.stdoutText();
        assertFalse(output.contains("OutOfMemoryError"), () -> "OutOfMemoryError in the app's output\n" + app.tail());
    }
}
