package dev.warden.testapp.webflux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

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
     * received. Names that differ only in case are one header. {@code X-App-Thread} says which kind of thread ran
     * this handler: a Reactor Netty event loop, so "platform".
     */
    @GetMapping(path = "/api/debug/headers", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Map<String, List<String>>>> headers(ServerHttpRequest request) {
        handled.increment();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : request.getHeaders().headerNames()) {
            List<String> values = headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>());
            if (values.isEmpty()) {
                values.addAll(request.getHeaders().getOrEmpty(name));  // the lookup ignores case: every spelling
            }
        }
        return Mono.just(ResponseEntity.ok().header("X-App-Thread", threadKind()).body(headers));
    }

    /** "virtual" or "platform": the kind of thread running the caller (virtual threads need JDK 21+). */
    static String threadKind() {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()) ? "virtual" : "platform";
        } catch (ReflectiveOperationException e) {
            return "platform";
        }
    }
}
