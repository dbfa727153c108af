package dev.warden.testapp.micronaut;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON body of every error response Micronaut produces (no route, wrong method, unconvertible parameter, unreadable
 * body, an exception...), in the shape all the test apps share, Spring Boot's default error body:
 * {@code {"timestamp":"...","status":404,"error":"Not Found","path":"/nope"}}, no message, no exception. It replaces
 * Micronaut's default (a HATEOAS {@code JsonError} with the exception's message), which is how Micronaut documents
 * changing the error format.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class SpringStyleErrorBody implements JsonErrorResponseBodyProvider<Map<String, Object>> {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT);

    @Override
    public Map<String, Object> body(ErrorContext error, HttpResponse<?> response) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", TIMESTAMP.format(OffsetDateTime.now(ZoneOffset.UTC)));
        body.put("status", response.code());
        body.put("error", reason(response.code()));
        // The path as the client sent it (still percent-encoded), without the query.
        String rawPath = error.getRequest().getUri().getRawPath();
        body.put("path", rawPath == null ? "" : rawPath);
        return body;
    }

    /** The reason phrase, in the wording of Tomcat and Jetty (RFC 9110's "Content Too Large" for 413). */
    static String reason(int status) {
        return status == 413 ? "Content Too Large" : HttpStatus.getDefaultReason(status);
    }
}
