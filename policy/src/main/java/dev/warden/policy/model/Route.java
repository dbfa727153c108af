package dev.warden.policy.model;

import dev.warden.policy.engine.CelCondition;
import dev.warden.policy.engine.PathPattern;
import dev.warden.policy.mask.JsonSelector;
import java.util.List;
import java.util.Set;

/**
 * A policy route. {@code methods} empty means any method; {@code allow} null means no authorization condition;
 * {@code requireScopes} and {@code requireRoles} must all be held by the caller; {@code mode} null means the
 * policy's mode applies (a route's own mode overrides it, so one route can be rolled out in monitor mode).
 */
public record Route(String id, PathPattern path, Set<String> methods, Authenticate authenticate,
                    CelCondition allow, List<String> requireScopes, List<String> requireRoles,
                    List<RateLimitSpec> rateLimits, List<FieldRule> fieldRules, LimitsFor limitsFor,
                    ConcurrencySpec maxConcurrent, DataBudgetSpec dataBudget, List<JsonSelector> allowFields,
                    Mode mode) {

    public Route {
        methods = Set.copyOf(methods);
        requireScopes = List.copyOf(requireScopes);
        requireRoles = List.copyOf(requireRoles);
        rateLimits = List.copyOf(rateLimits);
        fieldRules = List.copyOf(fieldRules);
        allowFields = List.copyOf(allowFields);
    }

    public boolean matchesMethod(String method) {
        return methods.isEmpty() || methods.contains(method);
    }

    /** The mode decisions on this route follow: its own, else the policy's. */
    public Mode modeUnder(Mode policyMode) {
        return mode == null ? policyMode : mode;
    }
}
