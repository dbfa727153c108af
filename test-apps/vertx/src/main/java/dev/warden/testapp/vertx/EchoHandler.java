package dev.warden.testapp.vertx;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code POST /api/debug/echo?encoding=identity|gzip|deflate|br|raw-NAME}, for the fail-closed tests: answers 200 with
 * the request body, whatever its bytes, declared {@code application/json} and compressed by the application itself
 * as asked; {@code br} and {@code raw-NAME} only declare the encoding (br, or NAME) and send the bytes as they are.
 * No JSON library is involved.
 */
final class EchoHandler implements Handler<RoutingContext> {

    private final HandledCounter handled;

    EchoHandler(HandledCounter handled) {
        this.handled = handled;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Buffer received = ctx.body().buffer();   // read in full by the route's BodyHandler, as Spring's @RequestBody
        byte[] bytes = received == null ? new byte[0] : received.getBytes();
        String encoding = QueryParams.stringParam(ctx, "encoding", "identity");
        handled.increment();
        if (encoding.equals("gzip") || encoding.equals("deflate")) {
            bytes = compress(bytes, encoding.equals("gzip"));
        }
        if (!encoding.equals("identity")) {
            ctx.response().putHeader(HttpHeaders.CONTENT_ENCODING,
                    encoding.startsWith("raw-") ? encoding.substring(4) : encoding);
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Buffer.buffer(bytes));
    }

    /** gzip, or zlib-wrapped deflate (what HTTP's "deflate" means). Small bodies: fine on the event loop. */
    private static byte[] compress(byte[] bytes, boolean gzip) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream z = gzip ? new GZIPOutputStream(compressed) : new DeflaterOutputStream(compressed)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // cannot happen in memory
        }
        return compressed.toByteArray();
    }
}
