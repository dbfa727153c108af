package dev.warden.testapp.micronaut;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shows the tests which request headers reached the application: what Warden removed (credentials, spoofed identity
 * headers) and what it added (the forwarded identity).
 */
@Controller("/api/debug")
public class DebugController {

    private final HandledCounter handled;

    public DebugController(HandledCounter handled) {
        this.handled = handled;
    }

    /**
     * The request headers as the application sees them: lower-case name to the list of its values, in the order
     * received. Names that differ only in case are one header. {@code X-App-Thread} says which kind of thread
     * served the request (this method is non-blocking, so Micronaut runs it on a Netty event loop thread).
     */
    @Get("/headers")
    public HttpResponse<Map<String, List<String>>> headers(HttpHeaders requestHeaders) {
        handled.increment();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : requestHeaders.names()) {
            List<String> values = headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>());
            if (values.isEmpty()) {
                values.addAll(requestHeaders.getAll(name));
            }
        }
        return HttpResponse.ok(headers).header("X-App-Thread", threadKind());
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
