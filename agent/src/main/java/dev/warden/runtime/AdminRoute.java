package dev.warden.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * One path of the admin listener: that exact path (the JDK matches contexts by prefix), GET only, and an answer
 * whatever the handler does: its failure is a 500 and a warning, never a hung connection.
 */
final class AdminRoute implements HttpHandler {

    private final String path;
    private final HttpHandler handler;

    AdminRoute(String path, HttpHandler handler) {
        this.path = path;
        this.handler = handler;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!path.equals(exchange.getRequestURI().getRawPath())) {
                exchange.sendResponseHeaders(404, -1);
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
            } else {
                answer(exchange);
            }
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            handler.handle(exchange);
        } catch (IOException e) {
            throw e; // the client went away: nothing to answer
        } catch (RuntimeException | LinkageError e) {
            Log.warnOnce("admin:" + path, "the admin listener failed to answer " + path + ": " + e);
            if (exchange.getResponseCode() < 0) exchange.sendResponseHeaders(500, -1);
        }
    }
}
