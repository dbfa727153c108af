package dev.warden.runtime;

import dev.warden.policy.LoadResult;
import dev.warden.policy.PolicyError;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.engine.Decider;
import dev.warden.policy.model.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Loads each settled version of the policy file and puts it in force when it is valid. An invalid version is
 * rejected with every error as {@code FILE:LINE:COL: message}, exactly as at start, and the policy in force stays;
 * so does it while the file is gone or unreadable. Each outcome is one line on stderr and a count in
 * {@link PolicyReloads}. The audit log and the other settings read at start are not reloaded: a change to them
 * is reported, not applied.
 */
final class PolicyReloader implements PolicyWatcher.Listener {

    private final String file;
    private final LivePolicy live;
    private final PolicyReloads reloads;
    /** Where the lines go: stderr in the agent. */
    private final Consumer<String> out;

    PolicyReloader(String file, LivePolicy live, PolicyReloads reloads, Consumer<String> out) {
        this.file = file;
        this.live = live;
        this.reloads = reloads;
        this.out = out;
    }

    @Override
    public void changed(byte[] content) {
        long start = System.nanoTime();
        LoadResult result = PolicyLoader.parse(file, content);
        if (!result.ok()) {
            for (PolicyError error : result.errors()) out.accept(error.format());
            reloads.failed();
            int n = result.errors().size();
            out.accept("warden: WARNING: policy " + file + " changed but was not reloaded: " + n
                    + (n == 1 ? " error" : " errors") + "; the policy in force stays");
            return;
        }
        Policy before = live.policy();
        Decider next;
        try {
            next = Decider.succeeding(live.decider(), result.policy());
        } catch (RuntimeException | LinkageError e) {
            reloads.failed();
            out.accept("warden: WARNING: policy " + file + " is valid but could not be put in force ("
                    + e.getClass().getName() + "); the policy in force stays");
            return;
        }
        live.replace(next);
        reloads.succeeded();
        Policy after = result.policy();
        out.accept("warden: policy " + file + " reloaded: " + PolicySummary.of(after) + " ("
                + (System.nanoTime() - start) / 1_000_000 + " ms)");
        List<String> startOnly = startOnlyChanges(before, after);
        if (!startOnly.isEmpty()) {
            out.accept("warden: WARNING: policy " + file + ": " + String.join(", ", startOnly)
                    + " changed; read at start only, the change applies at the next start");
        }
    }

    /** Settings set up once at start (sinks, threads, listeners), which a reload does not touch. */
    static List<String> startOnlyChanges(Policy before, Policy after) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(before.audit(), after.audit())) changed.add("audit");
        // Anomaly detection also took the policy's mode at start (monitor: alert only).
        if (!Objects.equals(before.anomalies(), after.anomalies())
                || after.anomalies() != null && before.mode() != after.mode()) changed.add("anomalies");
        if (!Objects.equals(before.admin(), after.admin())) changed.add("admin");
        if (!Objects.equals(before.inventory(), after.inventory())) changed.add("inventory");
        return changed;
    }

    @Override
    public void unavailable(String why) {
        out.accept("warden: WARNING: policy " + file + " cannot be read (" + why
                + "); the policy in force stays until it can be read again");
    }

    @Override
    public void available() {
        out.accept("warden: policy " + file + " can be read again");
    }
}
