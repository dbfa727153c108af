package dev.warden.it;

import static dev.warden.it.Http.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Hot reload (issue 7): the policy file of a running spring-mvc app is edited — in place and by rename, as editors
 * do — and the agent's behaviour follows, without a failed request while concurrent clients keep calling through
 * several swaps; a broken edit keeps the policy in force and names FILE:LINE:COL; a deleted file keeps it too until
 * the file is back; a rate limit unchanged across a reload keeps its remaining tokens. Every wait polls; how long a
 * reload took to show is measured and printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class PolicyReloadTest {
    private static final String APP = "spring-mvc";
    private static final long WAIT_NANOS = 20_000_000_000L;

    private PolicyFiles.Policy policy;
    private Path file;
    private AppProcess app;
    private Http http;
    /** What the file holds now, as this test wrote it. */
    private String onDisk;

    @BeforeAll
    void start() {
        policy = PolicyFiles.render("reload.yaml", "reload-" + APP + ".yaml");
        file = policy.path();
        onDisk = policy.text();
        app = AppProcess.builder(APP).policy(file).logName(APP + "-reload").start().awaitReady();
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) app.close();
    }

    /** Every test starts from the policy as rendered. */
    @BeforeEach
    void base() {
        if (!onDisk.equals(policy.text())) writeAndAwaitReload(policy.text(), false);
    }

    @Test
    void anEditChangesBehaviourWithinTwoSeconds() {
        assertStatus(200, http.get("/api/customers/c-1002", null), app::tail);

        String locked = edit(policy.text(), "reload: open", "authenticate: none", "authenticate: [apiKey]");
        long inPlace = timeUntil(locked, false, () -> http.get("/api/customers/c-1002", null).statusCode() == 401);
        long byRename = timeUntil(policy.text(), true, () -> http.get("/api/customers/c-1002", null).statusCode() == 200);
        System.out.printf("PolicyReloadTest: an edit showed in requests after %d ms (written in place) and %d ms "
                + "(replaced by rename); the requirement is 2 s%n", inPlace, byRename);
    }

    @Test
    void noRequestFailsUnderLoadThroughSeveralSwaps() throws Exception {
        String reader = policy.key("reader");
        String redacting = policy.text();
        String removing = edit(redacting, "reload: email", "action: redact", "action: remove");
        List<String> failures = new CopyOnWriteArrayList<>();
        Set<String> emailForms = ConcurrentHashMap.newKeySet();
        AtomicInteger requests = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        HttpResponse<String> r = http.get("/api/customers/c-1001", reader);
                        requests.incrementAndGet();
                        String problem = protectedProblem(r);
                        if (problem != null) failures.add(problem);
                        else emailForms.add(emailForm(Http.json(r)));
                    } catch (RuntimeException e) {
                        failures.add("request failed: " + e);
                    }
                }
            }, "reload-client-" + c);
            clients.add(t);
            t.start();
        }
        int swaps = 6;
        try {
            for (int i = 0; i < swaps; i++) {
                boolean remove = i % 2 == 0;
                writeAndAwaitReload(remove ? removing : redacting, i % 3 == 1);
                String wanted = remove ? "absent" : "[REDACTED]";
                awaitTrue("the email " + wanted + " after swap " + (i + 1),
                        () -> emailForm(Http.json(http.get("/api/customers/c-1001", reader))).equals(wanted));
            }
        } finally {
            stop.set(true);
            for (Thread t : clients) t.join(60_000);
        }
        System.out.printf("PolicyReloadTest: %d requests from 4 concurrent clients through %d swaps, %d failed%n",
                requests.get(), swaps, failures.size());
        assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())), () -> failures.size() + " failures\n" + app.tail());
        assertEquals(Set.of("absent", "[REDACTED]"), emailForms, "the clients saw both versions");
        assertTrue(requests.get() > swaps, "the clients kept calling");
    }

    @Test
    void aBrokenEditKeepsThePolicyInForceAndNamesFileLineColumn() {
        String key = policy.key("limited");
        long before = remaining(http.get("/api/customers/c-1003", key));
        String broken = edit(policy.text(), "reload: limit", "limit: 10,", "limit: ten,");
        int line = lineOf(broken, "limit: ten,");
        int column = broken.lines().toList().get(line - 1).indexOf("ten") + 1;

        AppProcess.Mark mark = app.mark();
        write(broken, false);
        String error = awaitLine(mark, l -> l.startsWith(file + ":"), "an error line naming " + file);
        assertTrue(error.startsWith(file + ":" + line + ":" + column + ": "), () -> "FILE:LINE:COL of 'ten' expected: " + error);
        System.out.println("PolicyReloadTest: a broken edit was reported as: " + error);
        awaitLine(mark, l -> l.contains("policy " + file + " changed but was not reloaded: 1 error; the policy in force stays"),
                "the line saying the policy in force stays");
        // Still in force: the same bucket, one token fewer; the open route still open.
        assertEquals(before - 1, remaining(http.get("/api/customers/c-1003", key)));
        assertStatus(200, http.get("/api/customers/c-1002", null), app::tail);
        assertFalse(app.outputSince(mark).contains("policy " + file + " reloaded: "), app::tail);

        // Fixed, it loads.
        String fixed = edit(broken, "reload: limit", "limit: ten,", "limit: 10,");
        writeAndAwaitReload(edit(fixed, "reload: open", "authenticate: none", "authenticate: [apiKey]"), false);
        assertStatus(401, http.get("/api/customers/c-1002", null), app::tail);
    }

    @Test
    void aRateLimitUnchangedAcrossAReloadKeepsItsRemainingTokens() {
        String key = policy.key("limited");
        long first = remaining(http.get("/api/customers/c-1003", key));
        long second = remaining(http.get("/api/customers/c-1003", key));
        assertEquals(first - 1, second);

        String otherEdit = edit(policy.text(), "reload: email", "action: redact", "action: remove");
        writeAndAwaitReload(otherEdit, true);
        assertEquals(second - 1, remaining(http.get("/api/customers/c-1003", key)), "the limit did not change: same bucket");

        writeAndAwaitReload(edit(otherEdit, "reload: limit", "limit: 10,", "limit: 20,"), false);
        assertEquals(19, remaining(http.get("/api/customers/c-1003", key)), "a changed limit starts with a full bucket");
    }

    @Test
    void aDeletedFileKeepsThePolicyUntilItIsBack() throws IOException {
        AppProcess.Mark mark = app.mark();
        Files.delete(file);
        onDisk = "";
        String gone = "policy " + file + " cannot be read (the file is gone); the policy in force stays";
        awaitLine(mark, l -> l.contains(gone), "the line saying the file is gone");
        // Requests go on under the last good policy while the watcher keeps polling (at least 8 polls here).
        long until = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < until) {
            assertStatus(200, http.get("/api/customers/c-1002", null), app::tail);
            assertStatus(401, http.get("/api/customers/c-1001", null), app::tail);
        }
        assertEquals(1, app.outputSince(mark).lines().filter(l -> l.contains(gone)).count(), "said once: " + app.outputSince(mark));

        String locked = edit(policy.text(), "reload: open", "authenticate: none", "authenticate: [apiKey]");
        writeAndAwaitReload(locked, false);
        awaitLine(mark, l -> l.contains("policy " + file + " can be read again"), "the line saying the file is back");
        assertStatus(401, http.get("/api/customers/c-1002", null), app::tail);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** {@code text} with {@code from} replaced by {@code to} on the one line carrying {@code marker}. */
    private static String edit(String text, String marker, String from, String to) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int i = lineOf(text, marker) - 1;
        String edited = lines.get(i).replace(from, to);
        assertNotEquals(lines.get(i), edited, () -> "'" + from + "' not on the line of " + marker);
        lines.set(i, edited);
        return String.join("\n", lines) + "\n";
    }

    private static int lineOf(String text, String marker) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(marker)) return i + 1;
        throw new AssertionError("no line with " + marker);
    }

    /** Writes the policy file in place (truncate and write) or as editors that replace it do (a new file renamed). */
    private void write(String text, boolean byRename) {
        try {
            if (byRename) {
                Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        onDisk = text;
    }

    private void writeAndAwaitReload(String text, boolean byRename) {
        assertNotEquals(onDisk, text, "an edit must change the file");
        AppProcess.Mark mark = app.mark();
        write(text, byRename);
        awaitLine(mark, l -> l.contains("policy " + file + " reloaded: "), "the reload line");
    }

    /** Milliseconds from writing {@code text} until {@code changed} holds (polled every 20 ms). */
    private long timeUntil(String text, boolean byRename, BooleanSupplier changed) {
        long start = System.nanoTime();
        write(text, byRename);
        awaitTrue("the edit to show in requests", changed);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("waited " + WAIT_NANOS / 1_000_000_000 + " s for " + what + "\n" + app.tail());
            AppProcess.sleep(20);
        }
    }

    private String awaitLine(AppProcess.Mark mark, Predicate<String> line, String what) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            for (String l : app.outputSince(mark).lines().toList()) if (line.test(l)) return l;
            if (System.nanoTime() > deadline) {
                fail("waited " + WAIT_NANOS / 1_000_000_000 + " s for " + what + "; output since:\n" + app.outputSince(mark) + "\n" + app.tail());
            }
            AppProcess.sleep(20);
        }
    }

    private long remaining(HttpResponse<String> r) {
        assertStatus(200, r, app::tail);
        return Http.intParam(Http.rateLimitItem(r, "RateLimit", "limited", app::tail), "r", "RateLimit", app::tail);
    }

    /** null when the response is the protected customer, else what is wrong with it. */
    private static String protectedProblem(HttpResponse<String> r) {
        if (r.statusCode() != 200) return "status " + r.statusCode() + ": " + Http.describe(r);
        JsonNode c;
        try {
            c = Fixture.JSON.readTree(r.body());
        } catch (IOException e) {
            return "not JSON: " + r.body();
        }
        if (c.has("ssn")) return "ssn in clear: " + r.body();
        if (!Fixture.isMaskedKeepLast(c.path("card").path("number").asText(), 4)) return "card number not masked: " + r.body();
        String email = emailForm(c);
        if (!email.equals("absent") && !email.equals("[REDACTED]")) return "email in clear: " + r.body();
        return null;
    }

    private static String emailForm(JsonNode customer) {
        return customer.has("email") ? customer.get("email").asText() : "absent";
    }
}
