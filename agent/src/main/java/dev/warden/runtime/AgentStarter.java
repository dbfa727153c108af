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
import java.util.Locale;

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
            fail(e.getMessage());
            return;
        }
        if (parsed.policyPath() == null) {
            fail("no policy given: use -javaagent:" + jar.getName() + "=policy=PATH, -Dwarden.policy=PATH or WARDEN_POLICY=PATH");
            return;
        }
        // Policy first, instrumentation second, serially: loading both in parallel was measured no faster here
        // (they contend on reading classes from the agent jar) and is harder to reason about.
        long t0 = System.nanoTime();
        Loaded loaded = load(parsed.policyPath());
        long t1 = System.nanoTime();
        if (!loaded.result().ok()) {
            for (PolicyError error : loaded.result().errors()) System.err.println(error.format());
            fail("the policy " + parsed.policyPath() + " has " + loaded.result().errors().size()
                    + (loaded.result().errors().size() == 1 ? " error" : " errors") + "; the application was not started");
            return;
        }
        Policy policy = loaded.result().policy();
        List<RequestObserver> observers = new ArrayList<>();
        AuditLog auditLog = policy.audit() == null ? null : startAuditLog(policy.audit());
        if (auditLog != null) observers.add(new Audit(auditLog));
        AnomalyDetector anomalies = policy.anomalies() == null ? null
                : new AnomalyDetector(policy.anomalies(), policy.mode() == Mode.ENFORCE);
        if (anomalies != null) observers.add(new Anomalies(anomalies, auditLog));
        WardenBridge.install(new WardenRuntimeImpl(loaded.decider(), new Observers(observers), anomalies));
        ModuleAccess.open(inst, AgentStarter.class.getModule());
        new InstrumentationInstaller(inst, AgentStarter.class.getClassLoader()).install(attached);
        long t2 = System.nanoTime();
        Log.debug("start-up: policy and engine " + (t1 - t0) / 1_000_000 + " ms, instrumentation "
                + (t2 - t1) / 1_000_000 + " ms");
        System.err.println("Warden " + version + ": policy " + parsed.policyPath() + ", " + policy.routes().size()
                + (policy.routes().size() == 1 ? " route" : " routes") + ", mode " + policy.mode().name().toLowerCase(Locale.ROOT));
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

    private static void fail(String message) {
        System.err.println("warden: " + message);
        System.err.flush();
        System.exit(EXIT_CONFIG);
    }
}
