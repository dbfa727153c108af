package dev.warden.testapp.legacyjavax;

import javax.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows the tests which request headers reached the application: what Warden removed (credentials, spoofed identity
 * headers) and what it added (the forwarded identity).
 */
@RestController
public class DebugController {

    private final HandledCounter handled;

    public DebugController(HandledCounter handled) {
        this.handled = handled;
    }

    /**
     * The request headers as the application sees them: lower-case name to the list of its values, in the order
     * received. Names that differ only in case are one header. {@code X-App-Thread} says which kind of thread
     * served the request.
     */
    @GetMapping(path = "/api/debug/headers", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, List<String>> headers(HttpServletRequest request, javax.servlet.http.HttpServletResponse response) {
        handled.increment();
        response.setHeader("X-App-Thread", threadKind());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            List<String> values = headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>());
            if (values.isEmpty()) {
                values.addAll(Collections.list(request.getHeaders(name)));
            }
        }
        return headers;
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
