package dev.warden.runtime;

import dev.warden.policy.anomaly.AnomalyAlert;
import dev.warden.policy.anomaly.AnomalyDetector;
import dev.warden.policy.audit.AuditJson;
import dev.warden.policy.audit.AuditLog;

/**
 * Feeds each finished request to the anomaly detector; an alert becomes a line of the audit log (or a line on stderr
 * when the policy has no audit log). The refusal of throttled clients happens before the decision, in the runtime.
 */
final class Anomalies implements RequestObserver {

    private final AnomalyDetector detector;
    /** Where alerts go, or null for stderr. */
    private final AuditLog audit;

    Anomalies(AnomalyDetector detector, AuditLog audit) {
        this.detector = detector;
        this.audit = audit;
    }

    @Override
    public void ended(RequestOutcome o) {
        AnomalyAlert alert = detector.record(o.clientIp(), o.status());
        if (alert == null) return;
        if (audit != null) audit.alert(alert);
        else Log.warn("ALERT " + AuditJson.alertLine(alert));
    }
}
