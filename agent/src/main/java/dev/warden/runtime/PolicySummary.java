package dev.warden.runtime;

import dev.warden.policy.model.Mode;
import dev.warden.policy.model.Policy;
import dev.warden.policy.model.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A policy in a few words for Warden's start and reload lines: route count, mode, routes whose own mode differs. */
final class PolicySummary {

    private PolicySummary() {
    }

    static String of(Policy policy) {
        int n = policy.routes().size();
        StringBuilder s = new StringBuilder().append(n).append(n == 1 ? " route" : " routes")
                .append(", mode ").append(name(policy.mode()));
        List<String> other = new ArrayList<>();
        for (Route r : policy.routes()) {
            if (r.modeUnder(policy.mode()) != policy.mode()) other.add(r.id());
        }
        if (!other.isEmpty()) {
            Mode m = policy.mode() == Mode.ENFORCE ? Mode.MONITOR : Mode.ENFORCE;
            s.append(" (").append(name(m)).append(other.size() == 1 ? " on route " : " on routes ")
                    .append(String.join(", ", other)).append(')');
        }
        return s.toString();
    }

    private static String name(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
