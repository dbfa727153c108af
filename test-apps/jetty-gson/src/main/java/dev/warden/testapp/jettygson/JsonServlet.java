package dev.warden.testapp.jettygson;

import com.google.gson.Gson;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the app's servlets share: routing by method the way spring-mvc answers (a path nobody serves is 404, a
 * method the path does not take is 405 with {@code Allow}, OPTIONS lists the methods, HEAD is GET without a body,
 * TRACE is never echoed), bad parameters answered 400, and JSON written by Gson straight to the response writer.
 * Error statuses go through {@code sendError}, so their bodies come from {@link ErrorServlet}, as Spring Boot's do.
 */
abstract class JsonServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    protected final transient Gson gson;
    protected final transient HandledCounter handled;

    JsonServlet(Gson gson, HandledCounter handled) {
        this.gson = gson;
        this.handled = handled;
    }

    /**
     * The methods served at this request's path (GET implies HEAD), or null when this servlet serves nothing there.
     * For a servlet mapped to one exact path, that path's methods.
     */
    protected abstract Set<String> methods(HttpServletRequest request);

    /** A request parameter that is not what the handler takes: answered 400 before the handler runs. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Set<String> allowed = methods(request);
        if (allowed == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String method = request.getMethod();
        if (allowed.contains(method) || (method.equals("HEAD") && allowed.contains("GET"))) {
            try {
                super.service(request, response);   // doGet / doHead (doGet, no body) / doPost
            } catch (BadRequest e) {
                if (!response.isCommitted()) {
                    response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                }
            }
            return;
        }
        response.setHeader("Allow", allowHeader(allowed));
        if (method.equals("OPTIONS")) {
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        }
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    /** The Allow header for {@code methods}: with HEAD when GET is there, and OPTIONS, always in the same order. */
    private static String allowHeader(Set<String> methods) {
        List<String> allow = new ArrayList<>();
        for (String m : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            if (methods.contains(m) || (m.equals("HEAD") && methods.contains("GET")) || m.equals("OPTIONS")) {
                allow.add(m);
            }
        }
        return String.join(",", allow);
    }

    /** {@code status}, Content-Type application/json, and {@code body} serialized by Gson onto the response writer. */
    protected void writeJson(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json"); // before getWriter(): the writer's charset comes from it
        gson.toJson(body, response.getWriter());
    }

    /** A whole-number query parameter; {@code fallback} when absent or empty (as Spring's defaultValue). */
    protected static long longParam(HttpServletRequest request, String name, long fallback) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a whole number");
        }
    }

    protected static int intParam(HttpServletRequest request, String name, int fallback) {
        long value = longParam(request, name, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new BadRequest(name + " is out of range");
        }
        return (int) value;
    }

    protected static String stringParam(HttpServletRequest request, String name, String fallback) {
        String value = request.getParameter(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
