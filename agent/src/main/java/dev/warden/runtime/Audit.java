package dev.warden.runtime;

import dev.warden.policy.audit.AuditEvent;
import dev.warden.policy.audit.AuditLog;
import dev.warden.policy.audit.PathTemplates;
import java.util.List;

/** Records each finished request as a line of the policy's audit log. Never throws into a request. */
final class Audit implements RequestObserver {

    private final AuditLog log;
    private final boolean readsEveryResponse;

    Audit(AuditLog log, boolean readsEveryResponse) {
        this.log = log;
        this.readsEveryResponse = readsEveryResponse;
    }

    @Override
    public boolean readsEveryResponseLeaving() {
        return readsEveryResponse;
    }

    AuditLog log() {
        return log;
    }

    @Override
    public void ended(RequestOutcome o) {
        try {
            log.record(new AuditEvent(o.time(), o.consumerId(),
                    o.decision() == null || o.decision().consumer() == null ? List.of() : o.decision().consumer().methods(),
                    o.clientIp(), o.method(), o.routeId(),
                    o.routeTemplate() != null ? o.routeTemplate() : PathTemplates.collapse(o.rawPath()), o.status(), o.reason(),
                    o.maskedByRule(), o.clearCategories(), o.latencyMicros()));
        } catch (RuntimeException e) {
            Log.warnOnce("audit:record", "a request could not be recorded in the audit log: " + e.getClass().getName());
        }
    }
}
