package dev.warden.instrumentation.servlet.jakarta;

import dev.warden.bootstrap.RequestScope;
import dev.warden.bootstrap.WardenBridge;
import dev.warden.bootstrap.WardenRuntime;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One request's passage through the outermost servlet dispatch: decide, deny or wrap the response, and finish the
 * body when the application is done (at exit, or when an async request completes).
 */
public final class ServletScope {

    private static final String SPRING_BEST_MATCHING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    private final RequestScope scope;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final GuardedResponse guarded;
    private final HttpServletRequest edited;
    private final boolean denied;
    private boolean finished;

    private ServletScope(RequestScope scope, HttpServletRequest request, HttpServletResponse response,
                                GuardedResponse guarded, HttpServletRequest edited, boolean denied) {
        this.scope = scope;
        this.request = request;
        this.response = response;
        this.guarded = guarded;
        this.edited = edited;
        this.denied = denied;
    }

    /** Null when Warden has nothing to do here (not HTTP, not the outermost REQUEST dispatch, agent not running). */
    public static ServletScope enter(ServletRequest req, ServletResponse res) {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) return null;
        if (request.getDispatcherType() != DispatcherType.REQUEST) return null;
        WardenRuntime runtime = WardenBridge.runtime();
        if (runtime == null) return null;
        RequestScope scope = runtime.begin(new ServletExchange(request));
        WardenBridge.dispatching(true); // cleared first thing in exit(), whatever happens
        try {
            String[] headers = scope.headers();
            if (scope.denied()) {
                writeDenial(scope, response, headers);
                return new ServletScope(scope, request, response, null, null, true);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) response.setHeader(headers[i], headers[i + 1]);
            GuardedResponse guarded = scope.masksResponse() ? new GuardedResponse(response, scope) : null;
            HttpServletRequest edited = EditedRequest.of(request, scope);
            return new ServletScope(scope, request, response, guarded, edited, false);
        } catch (RuntimeException | LinkageError e) {
            // Fail closed: a failure while setting up protection must not let the request through unprotected.
            // Keyed by package: the javax copy of this class (relocated at build time) warns on its own.
            runtime.warnOnce(ServletScope.class.getPackageName() + ":enter",
                    "Warden could not guard a request and answered 500: " + e);
            try {
                if (!response.isCommitted()) {
                    response.reset();
                    response.setStatus(500);
                }
            } catch (RuntimeException ignored) {
                // the client sees whatever the container sends for a broken request
            }
            return new ServletScope(scope, request, response, null, null, true);
        }
    }

    private static void writeDenial(RequestScope scope, HttpServletResponse response, String[] headers) {
        if (response.isCommitted()) return;
        response.reset();
        response.setStatus(scope.status());
        for (int i = 0; i + 1 < headers.length; i += 2) response.setHeader(headers[i], headers[i + 1]);
        response.setContentType(scope.contentType());
        byte[] body = scope.body();
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (java.io.IOException | IllegalStateException e) {
            // the client went away: nothing more to tell it
        }
    }

    /** The request the application must read (with Warden's header changes, if any). */
    public ServletRequest request() {
        return edited != null ? edited : request;
    }

    /** The response the application must write to. */
    public ServletResponse response() {
        return guarded != null ? guarded : response;
    }

    public boolean denied() {
        return denied;
    }

    /** Called when the hooked method returns or throws. */
    public void exit(Throwable thrown) {
        WardenBridge.dispatching(false);
        if (!denied && request.isAsyncStarted()) {
            try {
                request.getAsyncContext().addListener(new ScopeAsyncListener(this));
                return;
            } catch (IllegalStateException e) {
                // the async cycle already completed: finish now
            }
        }
        finish(thrown);
    }

    /** Completes the masked body and records the outcome; runs once. */
    synchronized void finish(Throwable thrown) {
        if (finished) return;
        finished = true;
        try {
            if (guarded != null) guarded.finishBody();
        } catch (java.io.IOException | RuntimeException e) {
            // the client went away or the body was not JSON; the masking stream already withheld the rest
        } finally {
            if (!denied) scope.routeTemplate(routeTemplate(request));
            scope.end(response.getStatus(), thrown);
        }
    }

    /**
     * The route template the framework matched, for the API inventory: Spring MVC leaves it in a request attribute
     * (HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, named here as text: Spring is not on Warden's class path).
     */
    private static String routeTemplate(HttpServletRequest request) {
        try {
            // a String in Spring 5 and 6; a PathPattern, whose text is its toString(), would do as well
            Object pattern = request.getAttribute(SPRING_BEST_MATCHING_PATTERN);
            return pattern == null ? null : pattern.toString();
        } catch (RuntimeException e) {
            return null; // a recycled request: the endpoint is then named by its collapsed path
        }
    }
}
