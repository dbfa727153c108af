package dev.warden.runtime;

import dev.warden.bootstrap.ExchangeView;
import dev.warden.bootstrap.GuardedStream;
import dev.warden.bootstrap.RequestScope;
import dev.warden.bootstrap.WardenRuntime;
import dev.warden.policy.engine.Decider;
import dev.warden.policy.anomaly.AnomalyDetector;
import dev.warden.policy.engine.Decision;
import java.io.OutputStream;

/** The runtime behind the bridge: decides each request with the {@link Decider} of the policy in force. */
final class WardenRuntimeImpl implements WardenRuntime {

    /** How many stream wrappers to look through for a guarded response (Spring adds one). */
    private static final int MAX_WRAPPERS = 8;

    /** The policy in force, replaced when the file is reloaded. */
    private final LivePolicy live;
    /** Who watches finished requests (audit log...), or null when nothing does. */
    private final Observers observers;
    /** Refuses clients that anomaly detection throttles, or null. */
    private final AnomalyDetector anomalies;

    WardenRuntimeImpl(Decider decider, Observers observers) {
        this(decider, observers, null);
    }

    WardenRuntimeImpl(Decider decider, Observers observers, AnomalyDetector anomalies) {
        this(new LivePolicy(decider), observers, anomalies);
    }

    WardenRuntimeImpl(LivePolicy live, Observers observers, AnomalyDetector anomalies) {
        this.live = live;
        this.observers = observers == null || observers.isEmpty() ? null : observers;
        this.anomalies = anomalies;
    }

    @Override
    public RequestScope begin(ExchangeView exchange) {
        String clientIp = null;
        // The request keeps this generation's policy to its end, whatever reloads meanwhile; the scope exits it.
        PolicyGeneration generation = live.enter();
        try {
            Decider decider = generation.decider();
            ExchangeRequest request = new ExchangeRequest(exchange);
            if (observers != null) clientIp = decider.clientIp(request);
            Decision refused = anomalies == null ? null : anomalies.refusal(clientIp);
            Decision decision = refused != null ? refused : decider.decide(request);
            if (!decision.enforced() && decision.problem() != null) {
                Log.info("monitor: " + decision.reason() + " " + exchange.method() + " " + exchange.rawPath()
                        + " route=" + decision.routeId() + " consumer=" + decision.consumerId()
                        + " status=" + decision.problem().status() + " (not enforced)");
            }
            return new RequestScopeImpl(decision, exchange.method(), exchange.rawPath(), observers, clientIp).in(generation);
        } catch (RuntimeException | LinkageError e) {
            Log.warnOnce("decide:" + e.getClass().getName(), "internal error while deciding a request; it was denied with 500: " + e);
            return RequestScopeImpl.internalError(safe(exchange::method), safe(exchange::rawPath), observers, clientIp)
                    .in(generation);
        }
    }

    /** A request fact for the record of a failed decision: "?" when even reading it fails. */
    private static String safe(java.util.function.Supplier<String> fact) {
        try {
            String v = fact.get();
            return v == null ? "?" : v;
        } catch (RuntimeException | LinkageError e) {
            return "?";
        }
    }

    @Override
    public RequestScope scopeOf(OutputStream out) {
        OutputStream s = out;
        for (int i = 0; i < MAX_WRAPPERS && s != null; i++) {
            // compressed on its way: the guard decodes and masks the body itself; a hook's output would be masked twice
            if (s instanceof java.util.zip.DeflaterOutputStream) return null;
            // a serializer hook writes here already (a generator factory calling another): one masks, not two
            if (s instanceof dev.warden.bootstrap.SerializerOutput) return null;
            if (s instanceof GuardedStream guarded) {
                RequestScope scope = guarded.wardenScope();
                if (Log.DEBUG) Log.debug("serializer output is a guarded response (" + guarded.contentType() + ")");
                return scope.masksResponse() && scope.isJson(guarded.contentType()) ? scope : null;
            }
            OutputStream next = StreamUnwrapper.next(s);
            if (next == null) {
                if (Log.DEBUG) Log.debug("serializer output " + s.getClass().getName() + " is not a guarded response stream");
                return null;
            }
            s = next;
        }
        return null;
    }

    @Override
    public void warnOnce(String key, String message) {
        Log.warnOnce(key, message);
    }
}
