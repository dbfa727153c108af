package dev.warden.testapp.undertowjsonb;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import jakarta.json.bind.Jsonb;

/**
 * An error answered where no endpoint serves the request (404 for a path nobody maps, 400 for a path a servlet
 * container would refuse), with the body every error of this app has (see {@link Call#sendError}). Nothing here
 * blocks, so it answers on the IO thread through Undertow's non-blocking Sender.
 */
final class ErrorPage implements HttpHandler {

    private final int status;
    private final Jsonb jsonb;

    ErrorPage(int status, Jsonb jsonb) {
        this.status = status;
        this.jsonb = jsonb;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        String body = jsonb.toJson(Call.errorBody(status, exchange.getRequestURI()));
        if (exchange.getRequestMethod().toString().equals("HEAD")) {
            exchange.endExchange();
            return;
        }
        exchange.getResponseSender().send(body);
    }
}
