package dev.warden.instrumentation.undertow;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;

/**
 * Warden's answer to a denied exchange, run by Undertow in place of the root handler (so no handler of the
 * application ever sees the request): status, headers and problem body, sent without blocking (this runs on the IO
 * thread), after which the Sender ends the exchange.
 */
final class DenialHandler implements HttpHandler {

    private final int status;
    private final String[] headers;
    private final String contentType;
    private final byte[] body;

    DenialHandler(int status, String[] headers, String contentType, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.contentType = contentType;
        this.body = body;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.setStatusCode(status);
        HeaderMap response = exchange.getResponseHeaders();
        for (int i = 0; i + 1 < headers.length; i += 2) response.put(new HttpString(headers[i]), headers[i + 1]);
        if (body.length == 0) {
            response.put(Headers.CONTENT_LENGTH, "0");
            exchange.endExchange();
            return;
        }
        response.put(Headers.CONTENT_TYPE, contentType);
        response.put(Headers.CONTENT_LENGTH, Integer.toString(body.length));
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
}
