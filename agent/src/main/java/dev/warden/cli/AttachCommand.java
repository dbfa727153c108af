package dev.warden.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code attach PID [policy=PATH]}: loads the agent into a running JVM through the Attach API. Its agentmain starts
 * Warden as premain would, and also retransforms the classes the application has already loaded, so the next
 * request is decided. The outcome is read back from the target's {@code warden.status} property: a policy that does
 * not load there leaves the application running as it was, and its errors are printed here.
 * Exit status: 0 Warden runs in the target, 1 it does not (with the reason), 2 usage error.
 */
final class AttachCommand {

    static final String USAGE = "usage: java -jar warden-agent.jar attach PID [policy=PATH]";
    /** The target's status property, as WardenAgent.STATUS sets it: "running", or "failed: REASON". */
    static final String STATUS = "warden.status";
    private static final String RUNNING = "running";
    private static final String FAILED = "failed: ";
    private static final int MIN_JAVA = 17;

    private AttachCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || args.length > 3) return usage(err);
        long pid;
        try {
            pid = Long.parseLong(args[1]);
        } catch (NumberFormatException e) {
            return usage(err);
        }
        String agentArgs = null;
        String policy = null;
        if (args.length == 3) {
            if (!args[2].startsWith("policy=") || args[2].length() == "policy=".length()) return usage(err);
            // The target resolves a relative path against its own working directory: give it this shell's meaning.
            policy = Path.of(args[2].substring("policy=".length())).toAbsolutePath().normalize().toString();
            if (policy.contains(",")) {
                err.println("attach: the agent's arguments are separated by commas; the policy path must not contain one");
                return 2;
            }
            agentArgs = "policy=" + policy;
        }
        AttachTarget target = new AttachTarget(pid);
        String refusal = target.refusal();
        if (refusal != null) return failed(err, refusal);
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            String m = String.valueOf(e.getMessage());
            return failed(err, m.contains("does not support the attach mechanism")
                    ? "process " + pid + " does not allow attach (it runs with -XX:+DisableAttachMechanism)"
                    : "process " + pid + target.describeCommand() + " did not answer the attach request (" + m + ")"
                            + target.userHint());
        } catch (IOException e) {
            return failed(err, "cannot attach to process " + pid + ": " + e.getMessage() + target.userHint());
        }
        try {
            return load(vm, pid, policy, agentArgs, out, err);
        } catch (IOException e) {
            return failed(err, "process " + pid + " stopped answering during the attach (" + e.getMessage() + ")");
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the target went away; nothing is left to release
            }
        }
    }

    private static int load(VirtualMachine vm, long pid, String policy, String agentArgs, PrintStream out,
                            PrintStream err) throws IOException {
        Properties before = vm.getSystemProperties();
        if (RUNNING.equals(before.getProperty(STATUS))) {
            return failed(err, "Warden is already running in process " + pid + " (it reloads its policy file when the"
                    + " file changes; a restart removes it)");
        }
        String javaVersion = before.getProperty("java.specification.version", "");
        if (javaVersion.matches("\\d+") && Integer.parseInt(javaVersion) < MIN_JAVA || javaVersion.startsWith("1.")) {
            return failed(err, "process " + pid + " runs Java " + javaVersion + "; Warden needs Java " + MIN_JAVA + " or newer");
        }
        if (policy == null && before.getProperty("warden.policy") == null) {
            err.println("attach: no policy=PATH given and process " + pid + " has no -Dwarden.policy: it needs WARDEN_POLICY"
                    + " in its environment");
        }
        try {
            vm.loadAgent(agentJar().toString(), agentArgs);
        } catch (AgentLoadException e) {
            String m = String.valueOf(e.getMessage());
            return failed(err, m.contains("not enabled")
                    ? "process " + pid + " does not allow agents to be loaded while it runs (-XX:-EnableDynamicAgentLoading);"
                            + " start it with -javaagent instead, or with -XX:+EnableDynamicAgentLoading"
                    : "process " + pid + " could not load the agent: " + m);
        } catch (AgentInitializationException e) {
            return failed(err, "the agent did not start in process " + pid + "; its standard error says why");
        }
        String status = vm.getSystemProperties().getProperty(STATUS);
        if (RUNNING.equals(status)) {
            out.println("Warden is running in process " + pid + (policy == null ? "" : " with policy " + policy)
                    + "; it decides the next request");
            return 0;
        }
        if (status != null && status.startsWith(FAILED)) {
            String reason = status.substring(FAILED.length());
            int lastLine = reason.lastIndexOf('\n');
            if (lastLine > 0) err.println(reason.substring(0, lastLine)); // the policy's FILE:LINE:COL errors
            return failed(err, "Warden did not start in process " + pid + ": " + reason.substring(lastLine + 1)
                    + "; the application runs on as before");
        }
        return failed(err, "the agent reported no outcome in process " + pid + "; its standard error may say more");
    }

    /** The agent jar this command runs from: the same jar is loaded into the target. */
    private static Path agentJar() {
        try {
            return Path.of(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the agent jar", e);
        }
    }

    private static int failed(PrintStream err, String message) {
        err.println("attach: " + message);
        return 1;
    }

    private static int usage(PrintStream err) {
        err.println(USAGE);
        return 2;
    }
}
