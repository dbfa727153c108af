package dev.warden.instrumentation.undertow;

import dev.warden.bootstrap.RequestScope;
import dev.warden.bootstrap.WardenBridge;
import dev.warden.bootstrap.WardenRuntime;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;

/**
 * What the root-handler advice does: decide an exchange the first time Undertow runs a root handler for it, and
 * mark the thread while any root handler runs so that servlet hooks inside (undertow-servlet) stand aside.
 */
public final class RootDispatch {

    private static final byte[] NO_BODY = new byte[0];
    private static final String[] NO_HEADERS = new String[0];

    private RootDispatch() {
    }

    /** Marks this thread as inside a dispatch Warden handles; false when it was already (or Warden is not running). */
    public static boolean markThread() {
        if (WardenBridge.runtime() == null || WardenBridge.dispatching()) return false;
        WardenBridge.dispatching(true);
        return true;
    }

    public static void unmarkThread() {
        WardenBridge.dispatching(false);
    }

    /**
     * The handler Undertow must run: the application's for an admitted exchange (or one decided before, on an
     * earlier run of a root handler), Warden's answer for a denied one. Never throws: a failure while guarding
     * answers 500 (fail closed).
     */
    public static HttpHandler handlerFor(HttpHandler handler, HttpServerExchange exchange) {
        if (exchange == null || ExchangeGuard.of(exchange) != null) return handler;
        WardenRuntime runtime = WardenBridge.runtime();
        if (runtime == null) return handler;
        RequestScope scope = runtime.begin(new UndertowRequest(exchange));
        try {
            ExchangeGuard.attach(exchange, scope);
            String[] headers = scope.headers();
            if (scope.denied()) {
                return new DenialHandler(scope.status(), headers, scope.contentType(), scope.body());
            }
            HeaderMap response = exchange.getResponseHeaders();
            for (int i = 0; i + 1 < headers.length; i += 2) response.put(new HttpString(headers[i]), headers[i + 1]);
            RequestHeaderEdits.apply(exchange.getRequestHeaders(), scope);
            return handler;
        } catch (RuntimeException | LinkageError e) {
            runtime.warnOnce("undertow:enter", "Warden could not guard a request and answered 500: " + e);
            return new DenialHandler(500, NO_HEADERS, null, NO_BODY);
        }
    }
}
