package dev.warden.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** {@code java -jar warden-agent.jar ARGS...} (the agent's command line, e.g. {@code check POLICY}). */
public final class AgentCli {
    private AgentCli() {}

    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** stderr lines then stdout lines, without the JVM's own notices ("Picked up JAVA_TOOL_OPTIONS" etc.). */
        public List<String> lines() {
            return Stream.concat(stderr.lines(), stdout.lines())
                    .filter(l -> !l.isBlank())
                    .filter(l -> !l.startsWith("Picked up ") && !l.startsWith("NOTE: Picked up ")
                            && !l.contains("64-Bit Server VM warning"))
                    .toList();
        }

        public String describe() {
            return "---- " + String.join(" ", command) + " -> exit " + exitCode
                    + "\n---- stderr:\n" + stderr + "\n---- stdout:\n" + stdout + "\n----";
        }
    }

    public static Result check(Path policy, String logName) {
        return run(logName, "check", policy.toString());
    }

    public static Result run(String logName, String... args) {
        return run(logName, java.util.Map.of(), null, args);
    }

    /** With extra environment variables and {@code stdin} (null: none) fed to standard input. */
    public static Result run(String logName, java.util.Map<String, String> env, String stdin, String... args) {
        Path agentJar = Locations.requireAgentJar();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(agentJar.toString());
        cmd.addAll(List.of(args));
        Path logs = Locations.workDir().resolve("logs");
        Path out = logs.resolve(logName + ".stdout.log");
        Path err = logs.resolve(logName + ".stderr.log");
        try {
            Files.createDirectories(logs);
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(Locations.workDir().toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().remove("WARDEN_POLICY");
            pb.environment().putAll(env);
            if (stdin != null) {
                Path in = logs.resolve(logName + ".stdin");
                Files.writeString(in, stdin, StandardCharsets.UTF_8);
                pb.redirectInput(in.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", cmd) + " did not finish within 60 s\nstderr:\n" + Files.readString(err)
                        + "\nstdout:\n" + Files.readString(out));
            }
            return new Result(List.copyOf(cmd), p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
