package dev.warden.testapp.undertowjsonb;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * What the app's endpoints share, as jetty-gson's {@code JsonServlet}: an Undertow handler that does its work on a
 * worker thread with blocking I/O (as {@code BlockingHandler}, but onto the app's executor: virtual threads where the
 * JDK has them), routing by method the way spring-mvc answers (a path nobody serves is 404, a method the path does not
 * take is 405 with {@code Allow}, OPTIONS lists the methods, HEAD is GET without a body, TRACE is never echoed), bad
 * parameters answered 400, and an exception turned into a 500 with the usual error body while nothing has been sent.
 */
abstract class Endpoint implements HttpHandler {

    protected final AppContext app;
    protected final HandledCounter handled;

    Endpoint(AppContext app) {
        this.app = app;
        this.handled = app.handled();
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

    /** On the IO thread: starts blocking mode and hands the exchange to a worker, where this runs again. */
    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.startBlocking();
            Executor executor = app.executor();
            exchange.dispatch(executor, this);
            return;
        }
        Call call = new Call(exchange, app.jsonb());
        try {
            service(call);
        } catch (IOException e) {
            // Usually the client went away. Propagating it makes Undertow drop the connection without ending the
            // response properly, so a cut-short body never looks complete.
            throw e;
        } catch (RuntimeException | Error e) {
            IOException io = ioCause(e);
            if (io != null) {
                throw io;
            }
            System.err.println("undertow-jsonb: " + call.method() + " " + exchange.getRequestURI() + " failed:");
            e.printStackTrace();
            if (call.committed()) {
                throw new IOException("response aborted", e);
            }
            call.sendError(500);
        }
    }

    /** The I/O failure behind {@code e} (itself, or somewhere in its causes), or null. */
    private static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
            if (t instanceof UncheckedIOException unchecked) {
                return unchecked.getCause();
            }
        }
        return null;
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
