package dev.warden.policy.model;

/** Whether decisions are enforced or only reported: monitor is how a policy is rolled out safely. */
public enum Mode {
    ENFORCE, MONITOR
}
