package dev.warden.runtime;

import dev.warden.bootstrap.WardenBridge;
import dev.warden.policy.LoadResult;
import dev.warden.policy.PolicyError;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.engine.Decider;
import dev.warden.policy.model.Policy;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

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
        // The policy (YAML, CEL, the engine) loads on a second thread while Byte Buddy installs on this one: both are
        // needed before premain returns, neither needs the other, and start-up time is what users notice.
        long t0 = System.nanoTime();
        CompletableFuture<Loaded> loading = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
            try {
                loading.complete(load(parsed.policyPath()));
            } catch (Throwable t) {
                loading.completeExceptionally(t);
            }
        }, "warden-policy-loader");
        loader.setDaemon(true);
        loader.start();
        ModuleAccess.open(inst, AgentStarter.class.getModule());
        new InstrumentationInstaller(inst, AgentStarter.class.getClassLoader()).install(attached);
        long t1 = System.nanoTime();
        Loaded loaded;
        try {
            loaded = loading.join();
        } catch (RuntimeException e) {
            fail("cannot load the policy " + parsed.policyPath() + ": " + e.getCause());
            return;
        }
        long t2 = System.nanoTime();
        if (!loaded.result().ok()) {
            for (PolicyError error : loaded.result().errors()) System.err.println(error.format());
            fail("the policy " + parsed.policyPath() + " has " + loaded.result().errors().size()
                    + (loaded.result().errors().size() == 1 ? " error" : " errors") + "; the application was not started");
            return;
        }
        // Only now can a hooked request be decided: until this line the bridge has no runtime (and no app code runs).
        WardenBridge.install(new WardenRuntimeImpl(loaded.decider()));
        Policy policy = loaded.result().policy();
        Log.debug("start-up: instrumentation " + (t1 - t0) / 1_000_000 + " ms, then waited "
                + (t2 - t1) / 1_000_000 + " ms for the policy (loaded in " + loaded.millis() + " ms in parallel)");
        System.err.println("Warden " + version + ": policy " + parsed.policyPath() + ", " + policy.routes().size()
                + (policy.routes().size() == 1 ? " route" : " routes") + ", mode " + policy.mode().name().toLowerCase(Locale.ROOT));
    }

    /** A loaded policy and its engine (the engine is null when the policy has errors). */
    private record Loaded(LoadResult result, Decider decider, long millis) {
    }

    private static Loaded load(String path) {
        long start = System.nanoTime();
        LoadResult result = PolicyLoader.load(Path.of(path));
        Decider decider = result.ok() ? new Decider(result.policy()) : null;
        return new Loaded(result, decider, (System.nanoTime() - start) / 1_000_000);
    }

    private static void fail(String message) {
        System.err.println("warden: " + message);
        System.err.flush();
        System.exit(EXIT_CONFIG);
    }
}
