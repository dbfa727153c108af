package dev.warden.policy;

import dev.warden.policy.model.Policy;
import java.util.List;

/** What loading a policy gave: the policy when it is valid, otherwise every error found (never just the first). */
public record LoadResult(Policy policy, List<PolicyError> errors) {

    public LoadResult {
        errors = List.copyOf(errors);
        if (policy == null && errors.isEmpty()) {
            throw new IllegalArgumentException("a failed load must carry at least one error");
        }
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
