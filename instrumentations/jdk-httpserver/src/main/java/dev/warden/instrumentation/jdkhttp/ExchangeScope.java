package dev.warden.instrumentation.jdkhttp;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import dev.warden.bootstrap.RequestScope;
import dev.warden.bootstrap.WardenBridge;
import dev.warden.bootstrap.WardenRuntime;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One exchange's passage through the outermost application handler or filter: decide, deny or hand on a guarded
 * exchange, and record the outcome when the exchange closes. Nested handlers and filters receive the guarded
 * exchange and recognise it (exchange attributes cannot mark it: the JDK keeps them per context, not per exchange).
 */
public final class ExchangeScope {

    private final RequestScope scope;
    private final HttpExchange real;
    private final boolean denied;
    private HttpExchange handed;
    private boolean finished;

    private ExchangeScope(RequestScope scope, HttpExchange real, boolean denied) {
        this.scope = scope;
        this.real = real;
        this.denied = denied;
        this.handed = real;
    }

    /** Null when Warden has nothing to do here (already guarded by an outer handler, or the agent not running). */
    public static ExchangeScope enter(HttpExchange exchange) {
        if (exchange == null || exchange instanceof GuardedExchange || exchange instanceof GuardedHttpsExchange
                || exchange.getClass().getName().startsWith("dev.warden.")) {
            return null; // an outer handler or filter guards this exchange already
        }
        WardenRuntime runtime = WardenBridge.runtime();
        if (runtime == null) return null;
        RequestScope scope = runtime.begin(new ExchangeRequest(exchange));
        try {
            String[] headers = scope.headers();
            if (scope.denied()) {
                deny(scope, exchange, headers);
                return new ExchangeScope(scope, exchange, true);
            }
            Headers response = exchange.getResponseHeaders();
            for (int i = 0; i + 1 < headers.length; i += 2) response.set(headers[i], headers[i + 1]);
            ExchangeScope s = new ExchangeScope(scope, exchange, false);
            GuardedExchange guarded = new GuardedExchange(exchange, scope, s);
            s.handed = exchange instanceof HttpsExchange https ? new GuardedHttpsExchange(guarded, https) : guarded;
            return s;
        } catch (IOException | RuntimeException | LinkageError e) {
            // Fail closed: a failure while setting up protection must not let the request through unprotected.
            runtime.warnOnce("jdk-httpserver:enter", "Warden could not guard a request and answered 500: " + e);
            try {
                exchange.sendResponseHeaders(500, -1);
            } catch (IOException | RuntimeException ignored) {
                // the client sees whatever the server sends for a broken exchange
            }
            exchange.close();
            return new ExchangeScope(scope, exchange, true);
        }
    }

    private static void deny(RequestScope scope, HttpExchange exchange, String[] headers) throws IOException {
        Headers h = exchange.getResponseHeaders();
        for (int i = 0; i + 1 < headers.length; i += 2) h.set(headers[i], headers[i + 1]);
        byte[] body = scope.body();
        if (body.length > 0) h.set("Content-Type", scope.contentType());
        exchange.sendResponseHeaders(scope.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            OutputStream out = exchange.getResponseBody();
            out.write(body);
        }
        exchange.close();
    }

    /** The exchange the application must handle. */
    public HttpExchange exchange() {
        return handed;
    }

    public boolean denied() {
        return denied;
    }

    /** The handler returned or threw: a denial is recorded now; an exchange the application left open, at close. */
    public void exit(Throwable thrown) {
        if (denied) {
            finish(null);
        } else if (thrown != null) {
            finish(thrown);
            handed.close(); // the held response must not linger; the server drops the connection anyway
        }
    }

    /** Records the outcome, once. */
    synchronized void finish(Throwable thrown) {
        if (finished) return;
        finished = true;
        int status = denied ? scope.status() : real.getResponseCode();
        scope.end(status < 0 ? 500 : status, thrown);
    }
}
