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
        LoadResult result = PolicyLoader.load(Path.of(parsed.policyPath()));
        if (!result.ok()) {
            for (PolicyError error : result.errors()) System.err.println(error.format());
            fail("the policy " + parsed.policyPath() + " has " + result.errors().size()
                    + (result.errors().size() == 1 ? " error" : " errors") + "; the application was not started");
            return;
        }
        Policy policy = result.policy();
        WardenRuntimeImpl runtime = new WardenRuntimeImpl(new Decider(policy));
        ModuleAccess.open(inst, AgentStarter.class.getModule());
        WardenBridge.install(runtime);
        new InstrumentationInstaller(inst, AgentStarter.class.getClassLoader()).install(attached);
        System.err.println("Warden " + version + ": policy " + parsed.policyPath() + ", " + policy.routes().size()
                + (policy.routes().size() == 1 ? " route" : " routes") + ", mode " + policy.mode().name().toLowerCase(Locale.ROOT));
    }

    private static void fail(String message) {
        System.err.println("warden: " + message);
        System.err.flush();
        System.exit(EXIT_CONFIG);
    }
}
