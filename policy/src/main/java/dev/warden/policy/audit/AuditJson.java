package dev.warden.policy.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** An {@link AuditEvent} as one line of JSON (no line breaks inside), fields in a fixed order. */
public final class AuditJson {

    private static final JsonFactory JSON = new JsonFactory();

    private AuditJson() {
    }

    public static String line(AuditEvent e) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", e.time().toString());
            g.writeStringField("consumer", e.consumer());
            g.writeArrayFieldStart("auth");
            for (String m : e.authMethods()) g.writeString(m);
            g.writeEndArray();
            g.writeStringField("clientIp", e.clientIp());
            g.writeStringField("method", e.method());
            g.writeStringField("route", e.route());
            g.writeStringField("path", e.path());
            g.writeNumberField("status", e.status());
            g.writeStringField("decision", e.decision());
            g.writeObjectFieldStart("masked");
            for (Map.Entry<String, Integer> m : new TreeMap<>(e.masked()).entrySet()) g.writeNumberField(m.getKey(), m.getValue());
            g.writeEndObject();
            if (e.clear() != null) {
                g.writeArrayFieldStart("clear");
                for (String c : e.clear()) g.writeString(c);
                g.writeEndArray();
            }
            g.writeNumberField("latencyUs", e.latencyMicros());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    /** An anomaly alert as one line: {@code "event":"anomaly"}, what, which client, how many in which window, the action. */
    public static String alertLine(dev.warden.policy.anomaly.AnomalyAlert a) {
        StringWriter out = new StringWriter(160);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", a.time().toString());
            g.writeStringField("event", "anomaly");
            g.writeStringField("kind", a.kind());
            g.writeStringField("clientIp", a.client());
            g.writeNumberField("count", a.count());
            g.writeNumberField("windowSeconds", a.window().toSeconds());
            g.writeStringField("action", a.throttled() ? "throttle" : "alert");
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    /** The line written when lines had to be dropped (the queue was full): how many, since the last such line. */
    public static String droppedLine(java.time.Instant time, long dropped) {
        return "{\"time\":\"" + time + "\",\"event\":\"audit_dropped\",\"dropped\":" + dropped + "}";
    }
}
