package dev.warden.runtime;

import dev.warden.bootstrap.WardenBridge;
import dev.warden.policy.LoadResult;
import dev.warden.policy.PolicyError;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.engine.Decider;
import dev.warden.policy.anomaly.AnomalyDetector;
import dev.warden.policy.audit.AuditLog;
import dev.warden.policy.model.AuditConfig;
import dev.warden.policy.model.Mode;
import dev.warden.policy.model.Policy;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts Warden inside the application's JVM: load and validate the policy, install the runtime behind the bridge,
 * then the instrumentation. A policy that does not load stops the JVM with status 78 (EX_CONFIG) before the
 * application runs: nobody may believe they are protected when they are not.
 */
public final class AgentStarter {

    public static final int EXIT_CONFIG = 78;

    private AgentStarter() {
    }

    public static void start(Instrumentation inst, String args, File jar, String version, boolean attached) {
        AgentArgs parsed;
        try {
            parsed = AgentArgs.parse(args);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage(), attached);
            return;
        }
        if (parsed.policyPath() == null) {
            fail("no policy given: use -javaagent:" + jar.getName() + "=policy=PATH, -Dwarden.policy=PATH or WARDEN_POLICY=PATH", attached);
            return;
        }
        // Policy first, instrumentation second, serially: loading both in parallel was measured no faster here
        // (they contend on reading classes from the agent jar) and is harder to reason about.
        long t0 = System.nanoTime();
        PolicyFile policyFile = new PolicyFile(Path.of(parsed.policyPath()));
        PolicyFile.Version loadedVersion = policyFile.current(); // before loading: a change in between is reloaded
        Loaded loaded = load(parsed.policyPath());
        long t1 = System.nanoTime();
        if (!loaded.result().ok()) {
            for (PolicyError error : loaded.result().errors()) System.err.println(error.format());
            String summary = "the policy " + parsed.policyPath() + " has " + loaded.result().errors().size()
                    + (loaded.result().errors().size() == 1 ? " error" : " errors");
            // Attached, the errors travel with the failure: the attach command shows them to the operator.
            fail(attached ? String.join("\n", loaded.result().errors().stream().map(PolicyError::format).toList())
                    + "\n" + summary : summary + "; the application was not started", attached);
            return;
        }
        Policy policy = loaded.result().policy();
        List<RequestObserver> observers = new ArrayList<>();
        AuditLog auditLog = policy.audit() == null ? null : startAuditLog(policy.audit());
        if (auditLog != null) observers.add(new Audit(auditLog, policy.audit().clearOfEveryResponse()));
        AnomalyDetector anomalies = policy.anomalies() == null ? null
                : new AnomalyDetector(policy.anomalies(), policy.mode() == Mode.ENFORCE);
        if (anomalies != null) observers.add(new Anomalies(anomalies, auditLog));
        PolicyReloads reloads = new PolicyReloads(); // counted by the policy watcher, read by the metrics
        AdminServer admin = policy.admin() == null ? null : AdminServer.start(policy.admin(), inst);
        if (admin != null) Metrics.serve(admin, auditLog, reloads).ifPresent(observers::add);
        if (policy.inventory() != null) observers.add(ApiInventory.start(policy, admin));
        LivePolicy live = new LivePolicy(loaded.decider());
        WardenBridge.install(new WardenRuntimeImpl(live, new Observers(observers), anomalies));
        ModuleAccess.open(inst, AgentStarter.class.getModule());
        new InstrumentationInstaller(inst, AgentStarter.class.getClassLoader()).install(attached);
        new PolicyWatcher(policyFile, loadedVersion, new PolicyReloader(parsed.policyPath(), live, reloads, System.err::println))
                .start(() -> live.closeRetired(System.nanoTime()));
        long t2 = System.nanoTime();
        Log.debug("start-up: policy and engine " + (t1 - t0) / 1_000_000 + " ms, instrumentation "
                + (t2 - t1) / 1_000_000 + " ms");
        System.err.println("Warden " + version + ": policy " + parsed.policyPath() + ", " + PolicySummary.of(policy));
    }

    /** The audit log, written by its own daemon thread; what is queued is written at exit. */
    private static AuditLog startAuditLog(AuditConfig config) {
        AuditLog log = AuditLog.start(config, System.out, message -> Log.warnOnce("audit:" + message, message));
        Runtime.getRuntime().addShutdownHook(new Thread(log::close, "warden-audit-flush"));
        return log;
    }

    /** A loaded policy and its engine (the engine is null when the policy has errors). */
    private record Loaded(LoadResult result, Decider decider) {
    }

    private static Loaded load(String path) {
        LoadResult result = PolicyLoader.load(Path.of(path));
        return new Loaded(result, result.ok() ? new Decider(result.policy()) : null);
    }

    /**
     * Stops the JVM before the application runs; but attached to an application that is already serving, refuses
     * to start instead (the exception's message is reported by the agent's entry point and to the attach command):
     * stopping the application Warden came to protect would help no one.
     */
    private static void fail(String message, boolean attached) {
        if (attached) throw new IllegalStateException(message);
        System.err.println("warden: " + message);
        System.err.flush();
        System.exit(EXIT_CONFIG);
    }
}
