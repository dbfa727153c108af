package dev.warden.testapp.vertx;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The router's error handlers: every error status this app sends has the body of Spring Boot's default error
 * controller, as in the other test apps: {@code {"timestamp":"...","status":404,"error":"Not Found","path":"/nope"}}
 * (no message, no exception). A failure after the response has started cannot be answered any more: the connection
 * is dropped, so a cut-short body never looks complete.
 */
final class ErrorResponses {

    /** The error statuses this app sends (Jetty's and Tomcat's reason phrases). */
    private static final int[] STATUSES = {400, 404, 405, 413, 415, 500, 503};

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT);

    private ErrorResponses() {
    }

    static void install(Router router) {
        for (int status : STATUSES) {
            router.errorHandler(status, ctx -> send(ctx, status));
        }
    }

    private static void send(RoutingContext ctx, int status) {
        Throwable failure = ctx.failure();
        if (status == 500 && failure != null && !(failure instanceof HttpException)) {
            System.err.println("vertx: " + ctx.request().method() + " " + ctx.request().uri() + " failed:");
            failure.printStackTrace();
        }
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        JsonObject body = new JsonObject()
                .put("timestamp", TIMESTAMP.format(OffsetDateTime.now(ZoneOffset.UTC)))
                .put("status", status)
                .put("error", reason(status))
                .put("path", ctx.request().path());   // as the client sent it: still percent-encoded, no query
        response.setStatusCode(status);
        ctx.json(body);
    }

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
