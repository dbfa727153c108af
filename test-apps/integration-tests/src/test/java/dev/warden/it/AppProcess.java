package dev.warden.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A test app in its own JVM: {@code java -Xmx128m [jvm args] -javaagent:warden-agent.jar[=options] -jar NAME.jar},
 * env PORT=free port, working directory target/warden-it, stdout and stderr captured to
 * {@code target/warden-it/logs/LOGNAME.stdout.log} / {@code .stderr.log} (kept separate: several contracts are about
 * what appears on stderr).
 */
public final class AppProcess implements AutoCloseable {
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int TAIL_LINES = 60;

    private final String logName;
    private final List<String> command;
    private final Process process;
    private final int port;
    private final Path stdout;
    private final Path stderr;
    private final Thread shutdownHook;

    private AppProcess(String logName, List<String> command, Process process, int port, Path stdout, Path stderr) {
        this.logName = logName;
        this.command = command;
        this.process = process;
        this.port = port;
        this.stdout = stdout;
        this.stderr = stderr;
        // If the Surefire JVM dies without running @AfterAll, do not leave the app JVM behind.
        this.shutdownHook = new Thread(process::destroyForcibly, "kill-" + logName);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder(String app) {
        return new Builder(app);
    }

    public static final class Builder {
        private final String app;
        private boolean agent = true;
        private String agentOptions;
        private String heap = "-Xmx128m";
        private final List<String> jvmArgs = new ArrayList<>();
        /** JVM arguments placed after Warden's -javaagent (another agent that must load after Warden's). */
        private final List<String> jvmArgsAfterAgent = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String logName;
        /** Jars placed ahead of the app's own (another version of a library it bundles); empty for {@code -jar}. */
        private final List<Path> classpathFirst = new ArrayList<>();

        private Builder(String app) {
            this.app = app;
            this.logName = app;
        }

        /** {@code -javaagent:warden-agent.jar=policy=PATH}. */
        public Builder policy(Path policy) {
            return agentOptions("policy=" + policy);
        }

        /** No -javaagent at all: the application as it runs unprotected (Warden may be attached later). */
        public Builder withoutAgent() {
            this.agent = false;
            return this;
        }

        /** Options after {@code =} in -javaagent; null for a plain {@code -javaagent:warden-agent.jar}. */
        public Builder agentOptions(String options) {
            this.agentOptions = options;
            return this;
        }

        public Builder heap(String xmx) {
            this.heap = xmx;
            return this;
        }

        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        public Builder jvmArgsAfterAgent(Collection<String> args) {
            jvmArgsAfterAgent.addAll(args);
            return this;
        }

        public Builder jvmArgs(Collection<String> args) {
            jvmArgs.addAll(args);
            return this;
        }

        /** Runs the app by its Main-Class with {@code jar} ahead of the app jar on the class path (not {@code -jar}). */
        public Builder classpathFirst(Path jar) {
            classpathFirst.add(jar);
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        /** Base name of the captured output files (unique per launch within a run). */
        public Builder logName(String name) {
            this.logName = name;
            return this;
        }

        /** Launches the JVM (does not wait for readiness). Fails the test if the agent or app jar is missing. */
        public AppProcess start() {
            Path agentJar = Locations.requireAgentJar();
            Path appJar = Locations.requireAppJar(app);
            int port = freePort();
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add(heap);
            cmd.addAll(jvmArgs);
            if (agent) cmd.add("-javaagent:" + agentJar + (agentOptions == null ? "" : "=" + agentOptions));
            cmd.addAll(jvmArgsAfterAgent);
            if (classpathFirst.isEmpty()) {
                cmd.add("-jar");
                cmd.add(appJar.toString());
            } else {
                List<String> classpath = new ArrayList<>();
                for (Path p : classpathFirst) classpath.add(p.toString());
                classpath.add(appJar.toString());
                cmd.add("-cp");
                cmd.add(String.join(java.io.File.pathSeparator, classpath));
                cmd.add(mainClass(appJar));
            }

            Path logs = Locations.workDir().resolve("logs");
            Path out = logs.resolve(logName + ".stdout.log");
            Path err = logs.resolve(logName + ".stderr.log");
            try {
                Files.createDirectories(logs);
                ProcessBuilder pb = new ProcessBuilder(cmd)
                        .directory(Locations.workDir().toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                Map<String, String> environment = pb.environment();
                environment.remove("WARDEN_POLICY");       // only what the test asks for
                environment.put("PORT", Integer.toString(port));
                environment.putAll(env);
                return new AppProcess(logName, List.copyOf(cmd), pb.start(), port, out, err);
            } catch (IOException e) {
                throw new UncheckedIOException("could not launch " + cmd, e);
            }
        }
    }

    private static String mainClass(Path jar) {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Main-Class");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    public List<String> command() {
        return command;
    }

    /** Polls {@code GET /health} until it answers with any HTTP status; fails (with the output tail) otherwise. */
    public AppProcess awaitReady() {
        return awaitReady(READY_TIMEOUT);
    }

    public AppProcess awaitReady(Duration timeout) {
        return awaitReady(timeout, new Http(port));
    }

    /** As {@link #awaitReady(Duration)}, probing with {@code http} (e.g. an HTTPS client for an app serving TLS). */
    public AppProcess awaitReady(Duration timeout, Http http) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                fail(logName + " exited with status " + process.exitValue() + " before answering /health\n" + tail());
            }
            if (http.tryGet("/health", Duration.ofSeconds(2)).isPresent()) {
                return this;
            }
            if (System.nanoTime() > deadline) {
                close();
                fail(logName + " did not answer /health on port " + port + " within " + timeout.toSeconds() + " s\n" + tail());
            }
            sleep(150);
        }
    }

    /** How a process that is expected to exit ended: its status, and the first HTTP answer it gave (if any). */
    public record Exit(int status, Optional<String> httpAnswer) {}

    /**
     * Waits for the process to exit, probing {@code GET /health} meanwhile (when {@code probeHttp}) to record whether it
     * ever answered. Fails (and kills it) if it is still running after {@code timeout}.
     */
    public Exit awaitExit(Duration timeout, boolean probeHttp) {
        Http http = new Http(port);
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<String> answer = Optional.empty();
        while (process.isAlive()) {
            if (System.nanoTime() > deadline) {
                String tail = tail();
                close();
                fail(logName + " still running after " + timeout.toSeconds() + " s (expected it to exit)\n" + tail);
            }
            if (probeHttp && answer.isEmpty()) {
                Optional<HttpResponse<String>> r = http.tryGet("/health", Duration.ofMillis(500));
                if (r.isPresent()) {
                    answer = Optional.of(Http.describe(r.get()));
                }
            }
            sleep(probeHttp ? 100 : 50);
        }
        return new Exit(process.exitValue(), answer);
    }

    public String stdoutText() {
        return read(stdout, 0);
    }

    public String stderrText() {
        return read(stderr, 0);
    }

    /** Position in both output files, to read what was written afterwards. */
    public record Mark(long stdout, long stderr) {}

    public Mark mark() {
        return new Mark(size(stdout), size(stderr));
    }

    /** stderr then stdout written since {@code mark}. */
    public String outputSince(Mark mark) {
        return read(stderr, mark.stderr()) + read(stdout, mark.stdout());
    }

    /** The command and the last lines of stderr and stdout, for failure messages. */
    public String tail() {
        return "---- " + logName + ": " + String.join(" ", command)
                + "\n---- stderr (" + stderr + ") last " + TAIL_LINES + " lines:\n" + lastLines(stderrText())
                + "\n---- stdout (" + stdout + ") last " + TAIL_LINES + " lines:\n" + lastLines(stdoutText())
                + "\n----";
    }

    /** destroy, then destroyForcibly if it has not exited within 10 s. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String read(Path file, long from) {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            if (from >= length) {
                return "";
            }
            f.seek(from);
            byte[] bytes = new byte[(int) Math.min(length - from, 64L * 1024 * 1024)];
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<could not read " + file + ": " + e + ">";
        }
    }

    private static String lastLines(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
