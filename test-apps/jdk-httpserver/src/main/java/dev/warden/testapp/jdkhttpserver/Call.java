package dev.warden.testapp.jdkhttpserver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request and its response: what a servlet gets as {@code HttpServletRequest}/{@code HttpServletResponse}, cut
 * down to what this app needs, over the JDK's {@link HttpExchange}.
 *
 * <p>Response bodies go straight to {@link HttpExchange#getResponseBody()}: headers first with
 * {@code sendResponseHeaders(status, 0)} (chunked) when the length is not known, or with the exact length when it
 * is. A HEAD request runs the GET handler with its body written nowhere (the JDK server would refuse the bytes).
 */
final class Call {

    /** {@link #send}'s length for a body of unknown length: chunked transfer coding. */
    static final long UNKNOWN_LENGTH = -1;

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT);

    private final HttpExchange exchange;
    private final JsonMapper mapper;
    private final String path;
    private Map<String, String> query;

    Call(HttpExchange exchange, JsonMapper mapper, String path) {
        this.exchange = exchange;
        this.mapper = mapper;
        this.path = path;
    }

    HttpExchange exchange() {
        return exchange;
    }

    JsonMapper mapper() {
        return mapper;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    boolean isHead() {
        return method().equals("HEAD");
    }

    /** The canonical, decoded path (see {@link Router#canonicalPath}). */
    String path() {
        return path;
    }

    /** The path as the client sent it (still percent-encoded), without the query: the error bodies' {@code path}. */
    String rawPath() {
        String raw = exchange.getRequestURI().getRawPath();
        return raw == null ? "" : raw;
    }

    /**
     * The first value of query parameter {@code name} (percent-decoded, {@code +} as space), or null. A query that
     * cannot be decoded is a bad request, as in a servlet container.
     */
    String param(String name) {
        if (query == null) {
            query = parseQuery(exchange.getRequestURI().getRawQuery());
        }
        return query.get(name);
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw new Endpoint.BadRequest("undecodable query string");
            }
        }
        return params;
    }

    String requestContentType() {
        return exchange.getRequestHeaders().getFirst("Content-Type");
    }

    void setHeader(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    /** Whether the status line and headers have gone out (nothing about the response can change any more). */
    boolean committed() {
        return exchange.getResponseCode() != -1;
    }

    /**
     * Sends the status line and headers and returns where the body goes: {@code length} bytes exactly, or
     * {@link #UNKNOWN_LENGTH} for a chunked body. For HEAD the headers say what GET would (Content-Length when
     * known) and the body is discarded.
     */
    OutputStream send(int status, String contentType, long length) throws IOException {
        if (contentType != null) {
            setHeader("Content-Type", contentType);
        }
        if (isHead()) {
            if (length > 0) {
                setHeader("Content-Length", Long.toString(length));
            }
            exchange.sendResponseHeaders(status, -1);   // -1: no body; a length here makes the JDK log a warning
            return OutputStream.nullOutputStream();
        }
        // sendResponseHeaders: 0 means chunked, -1 means no body (Content-Length: 0)
        exchange.sendResponseHeaders(status, length < 0 ? 0 : length == 0 ? -1 : length);
        return exchange.getResponseBody();
    }

    /** {@code status} with no body at all (Content-Length: 0), as a servlet's {@code setStatus} alone. */
    void sendEmpty(int status) throws IOException {
        send(status, null, 0);
    }

    /**
     * {@code status}, Content-Type application/json, and {@code body} serialized by Jackson 3 straight onto the
     * exchange's response body (chunked: the length is not known before it is written). Jackson closes the stream
     * when done, which completes the exchange.
     */
    void writeJson(int status, Object body) throws IOException {
        OutputStream out = send(status, "application/json", UNKNOWN_LENGTH);
        mapper.writeValue(out, body);
    }

    /**
     * An error status with the body every error of this app has, the shape of Spring Boot's default error
     * controller: {@code {"timestamp":"...","status":404,"error":"Not Found","path":"/nope"}} (no message, no
     * exception), as jetty-gson's error page.
     */
    void sendError(int status) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", TIMESTAMP.format(OffsetDateTime.now(ZoneOffset.UTC)));
        body.put("status", status);
        body.put("error", reason(status));
        body.put("path", rawPath());
        writeJson(status, body);
    }

    /** The reason phrase of the error statuses this app sends (Jetty's and Tomcat's wording). */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Unknown";
        };
    }
}
