package dev.warden.testapp.jettygson;

import com.google.gson.Gson;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;

/**
 * The error page ({@code /error}, the context's global error page): the body of every {@code sendError} and uncaught
 * exception, in the shape Spring Boot's default error controller gives spring-mvc's errors:
 * {@code {"timestamp":"...","status":404,"error":"Not Found","path":"/nope"}} (no message, no exception).
 */
final class ErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT);

    private final transient Gson gson;

    ErrorServlet(Gson gson) {
        this.gson = gson;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            // Asked for directly: this app has no such resource.
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", TIMESTAMP.format(OffsetDateTime.now(ZoneOffset.UTC)));
        body.put("status", status);
        body.put("error", HttpStatus.getMessage(status));
        body.put("path", uri == null ? request.getRequestURI() : uri.toString());
        response.setStatus(status);
        response.setContentType("application/json");
        gson.toJson(body, response.getWriter());
    }
}
