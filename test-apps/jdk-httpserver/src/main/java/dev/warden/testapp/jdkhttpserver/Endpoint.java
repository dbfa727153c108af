package dev.warden.testapp.jdkhttpserver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the app's endpoints share, as jetty-gson's {@code JsonServlet}: routing by method the way spring-mvc answers
 * (a path nobody serves is 404, a method the path does not take is 405 with {@code Allow}, OPTIONS lists the
 * methods, HEAD is GET without a body, TRACE is never echoed), bad parameters answered 400, and JSON written by
 * Jackson 3 straight to the exchange's response body. Error statuses go through {@link Call#sendError}, so they all
 * have the same body.
 */
abstract class Endpoint {

    protected final HandledCounter handled;

    Endpoint(HandledCounter handled) {
        this.handled = handled;
    }

    /**
     * The methods served at this request's path (GET implies HEAD), or null when this endpoint serves nothing there.
     * For an endpoint mapped to one exact path, that path's methods.
     */
    protected abstract Set<String> methods(Call call);

    /** GET (and HEAD, whose body is discarded by {@link Call#send}). */
    protected void doGet(Call call) throws IOException {
        call.sendError(405);
    }

    protected void doPost(Call call) throws IOException {
        call.sendError(405);
    }

    /** A request parameter that is not what the handler takes: answered 400 before the handler runs. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    final void service(Call call) throws IOException {
        Set<String> allowed = methods(call);
        if (allowed == null) {
            call.sendError(404);
            return;
        }
        String method = call.method();
        if (allowed.contains(method) || (method.equals("HEAD") && allowed.contains("GET"))) {
            try {
                if (method.equals("POST")) {
                    doPost(call);
                } else {
                    doGet(call);   // GET, or HEAD (GET with no body)
                }
            } catch (BadRequest e) {
                if (!call.committed()) {
                    call.sendError(400);
                }
            }
            return;
        }
        call.setHeader("Allow", allowHeader(allowed));
        if (method.equals("OPTIONS")) {
            call.sendEmpty(200);
            return;
        }
        call.sendError(405);
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

    /** A whole-number query parameter; {@code fallback} when absent or empty (as Spring's defaultValue). */
    protected static long longParam(Call call, String name, long fallback) {
        String value = call.param(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a whole number");
        }
    }

    protected static int intParam(Call call, String name, int fallback) {
        long value = longParam(call, name, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new BadRequest(name + " is out of range");
        }
        return (int) value;
    }

    protected static String stringParam(Call call, String name, String fallback) {
        String value = call.param(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
