package dev.warden.testapp.undertowjsonb;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import jakarta.json.bind.Jsonb;
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

/**
 * One request and its response: what a servlet gets as {@code HttpServletRequest}/{@code HttpServletResponse}, cut
 * down to what this app needs, over Undertow's {@link HttpServerExchange}.
 *
 * <p>Bodies are written by JSON-B straight to the exchange's blocking output stream ({@code startBlocking()} was
 * called by {@link Endpoint} before the handler ran on its worker thread): Undertow buffers the first bytes and sends
 * a small body with its Content-Length, a larger one chunked. A HEAD request runs the GET handler with its body
 * written nowhere.
 */
final class Call {

    /** {@link #send}'s length for a body of unknown length. */
    static final long UNKNOWN_LENGTH = -1;

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT);

    private final HttpServerExchange exchange;
    private final Jsonb jsonb;
    private Map<String, String> query;

    Call(HttpServerExchange exchange, Jsonb jsonb) {
        this.exchange = exchange;
        this.jsonb = jsonb;
    }

    HttpServerExchange exchange() {
        return exchange;
    }

    Jsonb jsonb() {
        return jsonb;
    }

    String method() {
        return exchange.getRequestMethod().toString();
    }

    boolean isHead() {
        return method().equals("HEAD");
    }

    /** The canonical, decoded path (see {@link ServletStylePaths}). */
    String path() {
        return exchange.getAttachment(ServletStylePaths.PATH);
    }

    /** The path as the client sent it (still percent-encoded), without the query: the error bodies' {@code path}. */
    String rawPath() {
        String raw = exchange.getRequestURI();
        return raw == null ? "" : raw;
    }

    /**
     * The first value of query parameter {@code name} (percent-decoded, {@code +} as space), or null. A query that
     * cannot be decoded is a bad request, as in a servlet container.
     */
    String param(String name) {
        if (query == null) {
            query = parseQuery(exchange.getQueryString());
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
        return exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    }

    void setHeader(String name, String value) {
        exchange.getResponseHeaders().put(new HttpString(name), value);
    }

    /** Whether the status line and headers have gone out (nothing about the response can change any more). */
    boolean committed() {
        return exchange.isResponseStarted();
    }

    /**
     * Sets the status and headers and returns where the body goes: {@code length} bytes exactly, or
     * {@link #UNKNOWN_LENGTH}. For HEAD the headers say what GET would (Content-Length when known) and the body is
     * discarded.
     */
    OutputStream send(int status, String contentType, long length) throws IOException {
        exchange.setStatusCode(status);
        if (contentType != null) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        }
        if (length >= 0) {
            exchange.setResponseContentLength(length);
        }
        if (isHead() || length == 0) {
            return OutputStream.nullOutputStream();
        }
        return exchange.getOutputStream();
    }

    /** {@code status} with no body at all (Content-Length: 0), as a servlet's {@code setStatus} alone. */
    void sendEmpty(int status) throws IOException {
        send(status, null, 0);
    }

    /**
     * {@code status}, Content-Type application/json, and {@code body} serialized by JSON-B straight onto the
     * exchange's output stream. JSON-B closes the stream when done, which completes the response.
     */
    void writeJson(int status, Object body) throws IOException {
        OutputStream out = send(status, "application/json", UNKNOWN_LENGTH);
        jsonb.toJson(body, out);
    }

    /**
     * An error status with the body every error of this app has, the shape of Spring Boot's default error
     * controller: {@code {"timestamp":"...","status":404,"error":"Not Found","path":"/nope"}} (no message, no
     * exception), as jetty-gson's error page.
     */
    void sendError(int status) throws IOException {
        writeJson(status, errorBody(status, rawPath()));
    }

    static Map<String, Object> errorBody(int status, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", TIMESTAMP.format(OffsetDateTime.now(ZoneOffset.UTC)));
        body.put("status", status);
        body.put("error", reason(status));
        body.put("path", path);
        return body;
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
