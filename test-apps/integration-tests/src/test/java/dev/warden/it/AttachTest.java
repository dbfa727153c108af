package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code java -jar warden-agent.jar attach PID policy=PATH} (issue 7, done-when 7): the spring-mvc app, started without
 * the agent, serves customers in clear; once Warden is attached, the next request is enforced (401 without a key,
 * masked fields with one), through classes the application had loaded and used before (servlets, Jackson). A
 * policy with errors leaves the application serving as before and the errors are shown to the operator; a second
 * attach, a missing process, a process that is not a JVM and a JVM that refuses attach are reported clearly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class AttachTest {
    private static final String APP = "spring-mvc";

    private final SecretScan secrets = new SecretScan();
    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;

    @BeforeAll
    void start() {
        policy = PolicyFiles.render("main.yaml", "attach-main.yaml", Map.of("mode", "enforce"));
        secrets.keys(policy);
        // warden.debug: the attached agent names every class it hooks (read when it starts, not before).
        app = secrets.launch(AppProcess.builder(APP).withoutAgent().jvmArg("-Dwarden.debug=true").logName(APP + "-attach"));
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        secrets.closeAndCheck(app);
    }

    @Test
    void attachedWardenEnforcesTheNextRequest() throws IOException {
        String pid = Long.toString(app.process().pid());
        JsonNode clear = Fixture.customer("c-1001");

        // Unprotected: everything in clear, and the serializer and servlet classes are loaded and in use.
        HttpResponse<String> before = http.get("/api/customers/c-1001", null);
        assertEquals(200, before.statusCode(), () -> Http.describe(before) + "\n" + app.tail());
        Fixture.assertSameJson(clear, Http.json(before), () -> "before the attach");
        assertEquals(200, http.get("/api/customers/export?count=5", null).statusCode());

        // A policy with errors: refused with the errors shown here; the application serves on, unchanged.
        Path broken = PolicyFiles.policyDir().resolve("attach-broken.yaml");
        Files.writeString(broken, "version: 1\nroutes:\n  - { id: r, match: { path: /a }, colour: blue }\n");
        AgentCli.Result refused = AgentCli.run("attach-broken", "attach", pid, "policy=" + broken);
        assertEquals(1, refused.exitCode(), refused::describe);
        assertTrue(refused.stderr().contains(broken + ":3:"), refused::describe);
        assertTrue(refused.stderr().contains("Warden did not start in process " + pid), refused::describe);
        assertTrue(app.process().isAlive(), () -> "a bad policy must not stop the application\n" + app.tail());
        Fixture.assertSameJson(clear, Http.json(http.get("/api/customers/c-1001", null)), () -> "after the refused attach");

        AgentCli.Result attached = AgentCli.run("attach", "attach", pid, "policy=" + policy.given());
        assertEquals(0, attached.exitCode(), () -> attached.describe() + "\n" + app.tail());
        assertTrue(attached.stdout().contains("Warden is running in process " + pid), attached::describe);

        HttpResponse<String> anonymous = http.get("/api/customers/c-1001", null);
        Http.assertProblem(401, anonymous, () -> "no key after the attach\n" + app.tail());
        HttpResponse<String> reader = http.get("/api/customers/c-1001", policy.key("reader"));
        assertEquals(200, reader.statusCode(), () -> Http.describe(reader) + "\n" + app.tail());
        Fixture.assertSameJson(Fixture.protect(clear), Http.json(reader), () -> "c-1001 with the reader key");
        HttpResponse<String> raw = http.get("/api/customers/c-1001/raw", policy.key("reader"));
        assertEquals(200, raw.statusCode(), () -> Http.describe(raw));
        Fixture.assertNoProperty(Http.json(raw), "ssn", () -> "raw bytes after the attach\n" + Http.describe(raw));
        HttpResponse<String> export = http.get("/api/customers/export?count=5", policy.key("reader"));
        assertEquals(200, export.statusCode(), () -> Http.describe(export));
        JsonNode records = Http.json(export);
        assertEquals(5, records.size(), () -> Http.describe(export));
        Fixture.assertNoProperty(records, "ssn", () -> "export after the attach");
        Http.assertProblem(403, http.get("/api/admin/stats", policy.key("reader")), () -> "admin route, reader key");
        assertTrue(app.stderrText().contains("Warden " + Locations.version() + ": policy " + policy.given()),
                () -> "the start line\n" + app.tail());
        for (String loadedBefore : List.of("com.fasterxml.jackson.core.JsonFactory", "org.springframework.web.servlet.DispatcherServlet")) {
            assertTrue(app.stderrText().contains("warden: debug: hooked " + loadedBefore + "\n"),
                    () -> loadedBefore + " was loaded before the attach and must have been retransformed\n" + app.tail());
        }
        assertTrue(app.stderrText().contains("GET /api/customers/c-1001 (route customers) masked by the serializer hook"),
                () -> "the Jackson generator Spring had used before the attach now masks\n" + app.tail());

        AgentCli.Result again = AgentCli.run("attach-again", "attach", pid, "policy=" + policy.given());
        assertEquals(1, again.exitCode(), again::describe);
        assertTrue(again.stderr().contains("Warden is already running in process " + pid), again::describe);
        assertEquals(200, http.get("/api/customers/c-1001", policy.key("reader")).statusCode(), "still served once");
    }

    @Test
    void noSuchProcess() {
        long pid = Integer.MAX_VALUE; // above any system's pid_max
        AgentCli.Result r = AgentCli.run("attach-no-process", "attach", Long.toString(pid));
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("attach: no process with id " + pid), r::describe);
    }

    /** The JDK would signal the process with SIGQUIT, which ends most programs: it must be left untouched. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aProcessThatIsNotAJvmIsLeftAlone() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            AgentCli.Result r = AgentCli.run("attach-not-a-jvm", "attach", Long.toString(sleep.pid()));
            assertEquals(1, r.exitCode(), r::describe);
            assertTrue(r.stderr().contains("process " + sleep.pid() + " (sleep) is not a Java virtual machine"), r::describe);
            assertTrue(sleep.isAlive(), "the process must not have been signalled");
        } finally {
            sleep.destroy();
            sleep.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aJvmThatDisallowsAttachIsReported() throws Exception {
        try (Waiting jvm = Waiting.jvm("-XX:+DisableAttachMechanism")) {
            AgentCli.Result r = AgentCli.run("attach-disabled", "attach", Long.toString(jvm.pid()), "policy=" + policy.given());
            assertEquals(1, r.exitCode(), r::describe);
            assertTrue(r.stderr().contains("does not allow attach (it runs with -XX:+DisableAttachMechanism)"), r::describe);
        }
    }

    @Test
    void aJvmThatDisallowsDynamicAgentsIsReported() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 21,
                "-XX:-EnableDynamicAgentLoading exists from JDK 21");
        try (Waiting jvm = Waiting.jvm("-XX:-EnableDynamicAgentLoading")) {
            AgentCli.Result r = AgentCli.run("attach-no-dynamic", "attach", Long.toString(jvm.pid()), "policy=" + policy.given());
            assertEquals(1, r.exitCode(), r::describe);
            assertTrue(r.stderr().contains("does not allow agents to be loaded while it runs"), r::describe);
            assertTrue(jvm.process.isAlive(), "the JVM must keep running");
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        for (List<String> args : List.of(List.of("attach"), List.of("attach", "not-a-pid"),
                List.of("attach", "1", "policy.yaml"), List.of("attach", "1", "policy="))) {
            AgentCli.Result r = AgentCli.run("attach-usage", args.toArray(new String[0]));
            assertEquals(2, r.exitCode(), r::describe);
            assertTrue(r.stderr().contains("usage: java -jar warden-agent.jar attach PID [policy=PATH]"), r::describe);
        }
    }

    /** A small JVM that says "ready" once its main method runs, then waits for its standard input to close. */
    private record Waiting(Process process) implements AutoCloseable {
        static Waiting jvm(String option) throws IOException {
            Path dir = Locations.workDir().resolve("attach-target");
            Files.createDirectories(dir);
            Path source = dir.resolve("Wait.java");
            Files.writeString(source, "public class Wait { public static void main(String[] a) throws Exception {"
                    + " System.out.println(\"ready\"); System.out.flush(); System.in.read(); } }");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), option,
                    source.toString()).redirectError(dir.resolve("Wait" + option.replaceAll("[^A-Za-z]", "-") + ".log").toFile())
                    .start();
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            if (!"ready".equals(first)) {
                p.destroyForcibly();
                throw new IllegalStateException("the waiting JVM (" + option + ") did not start: " + first);
            }
            return new Waiting(p);
        }

        long pid() {
            return process.pid();
        }

        @Override
        public void close() {
            try {
                process.getOutputStream().close(); // its read returns and it exits
                if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
