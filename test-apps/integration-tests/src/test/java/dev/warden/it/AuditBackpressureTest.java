package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The audit sink is a named pipe nobody reads (the writer blocks on it): a burst of 1,000 requests must all be served
 * as usual, the lines that do not fit the queue (100 here) dropped and counted, and once the pipe is read the log says
 * how many it dropped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class AuditBackpressureTest {
    private static final String APP = "jdk-httpserver";
    private static final int REQUESTS = 1000;

    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;
    private Path fifo;

    @BeforeAll
    void start() throws Exception {
        fifo = Locations.workDir().resolve("audit").resolve("blocked.fifo");
        Files.createDirectories(fifo.getParent());
        Files.deleteIfExists(fifo);
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is not available: the blocked-sink test is skipped");
        policy = PolicyFiles.render("audit.yaml", "audit-blocked.yaml", Map.of("auditFile", fifo.toString(), "queue", "100"));
        app = AppProcess.builder(APP).policy(policy.path()).logName(APP + "-audit-blocked").start().awaitReady();
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) app.close();
    }

    @Test
    void aBurstIsServedInFullWhileTheSinkIsBlockedAndTheDropsAreCounted() throws Exception {
        String reader = policy.key("reader");
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(32);
        long t0 = System.nanoTime();
        try {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                all.add(CompletableFuture.runAsync(() -> {
                    HttpResponse<String> r = http.get("/api/customers/c-1001", reader);
                    if (r.statusCode() != 200) problems.add(r.statusCode() + " " + r.body());
                }, clients));
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
        } finally {
            clients.shutdownNow();
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertTrue(problems.isEmpty(), () -> problems.size() + " requests failed, e.g. " + problems.peek() + "\n" + app.tail());
        String output = app.stdoutText() + app.stderrText();
        assertEquals(1, count(output, "the audit log cannot keep up"), () -> "one warning says lines are dropped:\n" + app.tail());

        // Now read the pipe: the queued lines come, then the count of what was dropped.
        CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(fifo.toFile()), StandardCharsets.UTF_8))) {
                for (String l; (l = in.readLine()) != null; ) {
                    lines.add(l);
                    if (l.contains("\"audit_dropped\"")) break;
                }
            } catch (java.io.IOException e) {
                lines.add("error: " + e);
            }
            return lines;
        });
        List<String> lines = read.get(30, TimeUnit.SECONDS);
        String last = lines.get(lines.size() - 1);
        Matcher dropped = Pattern.compile("\"dropped\":(\\d+)").matcher(last);
        assertTrue(dropped.find(), () -> "no line counts the drops: " + last);
        long n = Long.parseLong(dropped.group(1));
        long written = lines.stream().filter(l -> l.contains("\"decision\"")).count();
        assertTrue(n >= REQUESTS - 100 - written, "dropped " + n + ", written " + written);
        assertTrue(written <= 101, "the queue holds 100 lines (and the one being written): " + written);
        System.out.println("audit burst: " + REQUESTS + " requests in " + seconds + " s with the sink blocked; "
                + n + " lines dropped and counted, " + written + " written once the pipe was read");
    }

    private static int count(String text, String phrase) {
        int n = 0;
        for (int i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + 1)) n++;
        return n;
    }
}
