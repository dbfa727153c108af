package dev.warden.cli;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The process {@code attach} is asked to enter, checked before anything is sent to it. Attaching to a process
 * without an attach listener makes the JDK send it SIGQUIT, which ends most processes that are not JVMs: a process
 * that neither is a listed JVM nor handles SIGQUIT is refused here, untouched.
 */
final class AttachTarget {

    /** SIGQUIT's bit in the signal masks of /proc/PID/status (signal 3). */
    private static final long SIGQUIT_BIT = 1L << 2;

    private final long pid;

    AttachTarget(long pid) {
        this.pid = pid;
    }

    /** Why the attach must not be tried, or null when it may be. */
    String refusal() {
        if (pid == ProcessHandle.current().pid()) return "process " + pid + " is this command itself";
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) return "no process with id " + pid;
        if (listedJvm()) return null;
        Boolean catchesQuit = catchesSigquit();
        if (Boolean.FALSE.equals(catchesQuit)) {
            return "process " + pid + describeCommand() + " is not a Java virtual machine";
        }
        return null; // a JVM without performance data (-XX:-UsePerfData), or a system without /proc: the JDK decides
    }

    /** Advice for when the JVM did not answer: the usual reason is another user. */
    String userHint() {
        Optional<String> user = ProcessHandle.of(pid).flatMap(p -> p.info().user());
        String me = System.getProperty("user.name");
        if (user.isPresent() && !user.get().equals(me) && !user.get().endsWith("\\" + me)) {
            return "; it runs as user " + user.get() + " and attach works only as the same user (run this command as "
                    + user.get() + ")";
        }
        return "";
    }

    /** " (NAME)": the executable's file name, never its arguments (which may hold secrets). */
    String describeCommand() {
        return ProcessHandle.of(pid).flatMap(p -> p.info().command())
                .map(c -> " (" + Path.of(c).getFileName() + ")").orElse("");
    }

    private boolean listedJvm() {
        String id = Long.toString(pid);
        return VirtualMachine.list().stream().anyMatch(d -> d.id().equals(id));
    }

    /** Whether the process handles SIGQUIT (every HotSpot JVM does, unless run with -Xrs); null when unknown. */
    private Boolean catchesSigquit() {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigCgt:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & SIGQUIT_BIT) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: unknown
        }
        return null;
    }
}
