package dev.warden.testapp.jettygson;

import com.google.gson.Gson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/debug/headers}: shows the tests which request headers reached the application: what Warden removed
 * (credentials, spoofed identity headers) and what it added (the forwarded identity).
 */
final class DebugHeadersServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;

    DebugHeadersServlet(Gson gson, HandledCounter handled) {
        super(gson, handled);
    }

    @Override
    protected Set<String> methods(HttpServletRequest request) {
        return Set.of("GET");
    }

    /**
     * The request headers as the application sees them: lower-case name to the list of its values, in the order
     * received. Names that differ only in case are one header.
     */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handled.increment();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            List<String> values = headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>());
            if (values.isEmpty()) {
                values.addAll(Collections.list(request.getHeaders(name)));
            }
        }
        response.setHeader("X-App-Thread", threadKind());
        writeJson(response, HttpServletResponse.SC_OK, headers);
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
