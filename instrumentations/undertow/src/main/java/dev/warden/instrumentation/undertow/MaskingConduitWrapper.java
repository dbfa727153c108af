package dev.warden.instrumentation.undertow;

import dev.warden.bootstrap.RequestScope;
import io.undertow.server.ConduitWrapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.ConduitFactory;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.OutputStream;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Undertow's hook for rewriting a response body (its gzip encoding uses the same): called once, when the response
 * channel is taken, with the status and headers set by then. A JSON body gets a {@link MaskingConduit}; its
 * Content-Length is dropped before the connection's own conduit is made (so the body goes out chunked) and its
 * Content-Encoding too (gzip and deflate are decoded and the body goes out plain). A JSON body in an encoding Warden
 * cannot read is answered 502 here, while the status can still change.
 */
final class MaskingConduitWrapper implements ConduitWrapper<StreamSinkConduit> {

    private final RequestScope scope;

    MaskingConduitWrapper(RequestScope scope) {
        this.scope = scope;
    }

    @Override
    public StreamSinkConduit wrap(ConduitFactory<StreamSinkConduit> factory, HttpServerExchange exchange) {
        HeaderMap headers = exchange.getResponseHeaders();
        String contentType = headers.getFirst(Headers.CONTENT_TYPE);
        if (!scope.isJson(contentType) || "0".equals(headers.getFirst(Headers.CONTENT_LENGTH))
                || Methods.HEAD.equals(exchange.getRequestMethod())) {
            return factory.create(); // nothing to mask (Undertow sends no body for HEAD)
        }
        PendingOutput pending = new PendingOutput();
        OutputStream body = scope.bodyStream(pending, contentType, headers.getFirst(Headers.CONTENT_ENCODING));
        if (body == pending) return factory.create();
        if (withheldAlready(body)) {
            byte[] problem = scope.withheld();
            headers.clear();
            exchange.setStatusCode(502);
            headers.put(Headers.CONTENT_TYPE, scope.contentType());
            headers.put(Headers.CONTENT_LENGTH, Integer.toString(problem.length));
            pending.write(problem, 0, problem.length);
            return new MaskingConduit(factory.create(), null, pending, exchange);
        }
        headers.remove(Headers.CONTENT_LENGTH);
        headers.remove(Headers.CONTENT_ENCODING);
        return new MaskingConduit(factory.create(), body, pending, exchange);
    }

    /** The masking stream refuses the body before its first byte (an encoding it cannot read). */
    private static boolean withheldAlready(OutputStream body) {
        try {
            body.flush();
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
