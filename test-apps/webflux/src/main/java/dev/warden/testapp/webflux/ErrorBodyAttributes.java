package dev.warden.testapp.webflux;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webflux.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The body of every error this app answers, the same as the other test apps' (Spring Boot's servlet error
 * controller's): {@code {"timestamp":...,"status":404,"error":"Not Found","path":"/nope"}}. Boot's reactive default
 * adds a {@code requestId} (Reactor Netty's connection id and request count) and lists {@code path} second; this keeps
 * Boot's values and drops the id.
 */
@Component
public class ErrorBodyAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(ServerRequest request, ErrorAttributeOptions options) {
        Map<String, Object> boot = super.getErrorAttributes(request, options);
        boot.remove("requestId");
        Map<String, Object> body = new LinkedHashMap<>();
        for (String name : new String[] {"timestamp", "status", "error", "path"}) {
            if (boot.containsKey(name)) {
                body.put(name, boot.remove(name));
            }
        }
        body.putAll(boot);   // whatever else the options asked for (message, exception...), after
        return body;
    }
}
