package dev.warden.testapp.undertowjsonb;

import io.undertow.util.HeaderValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code GET /api/debug/headers}: shows the tests which request headers reached the application: what Warden removed
 * (credentials, spoofed identity headers) and what it added (the forwarded identity).
 */
final class DebugHeadersEndpoint extends Endpoint {

    DebugHeadersEndpoint(AppContext app) {
        super(app);
    }

    @Override
    protected Set<String> methods(Call call) {
        return Set.of("GET");
    }

    /**
     * The request headers as the application sees them: lower-case name to the list of its values, each header's
     * values in the order received. Names that differ only in case are one header. Listed sorted by name, as
     * test-apps/jdk-httpserver lists them (nothing in the contract depends on the order).
     */
    @Override
    protected void doGet(Call call) throws IOException {
        handled.increment();
        Map<String, List<String>> headers = new TreeMap<>();
        for (HeaderValues header : call.exchange().getRequestHeaders()) {
            headers.computeIfAbsent(header.getHeaderName().toString().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .addAll(header);
        }
        call.setHeader("X-App-Thread", threadKind());
        call.writeJson(200, headers);
    }

    /** "virtual" or "platform": the kind of thread serving this request (virtual threads need JDK 21+). */
    static String threadKind() {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()) ? "virtual" : "platform";
        } catch (ReflectiveOperationException e) {
            return "platform";
        }
    }
}
