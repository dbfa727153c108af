package dev.warden.testapp.vertx;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * {@code GET /api/debug/big?mb=N}: {@code {"id":"big","ssn":"123-45-6789","blob":"xxxx...","tail":"end"}} with an
 * N MB blob (at most 200), streamed in 64 KB chunks, for the large-value tests. No JSON library is involved.
 */
final class BigBodyHandler implements Handler<RoutingContext> {

    private static final int MAX_MB = 200;
    private static final int BLOB_CHUNK = 64 * 1024;

    private final HandledCounter handled;
    /** One chunk of the blob, sent again and again: Vert.x writes a fresh view of a buffer each time. */
    private final Buffer blobChunk = Buffer.buffer("x".repeat(BLOB_CHUNK));

    BigBodyHandler(HandledCounter handled) {
        this.handled = handled;
    }

    @Override
    public void handle(RoutingContext ctx) {
        int mb = QueryParams.intParam(ctx, "mb", 1);
        handled.increment();
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        int blobChunks = Math.min(mb, MAX_MB) * (1024 * 1024 / BLOB_CHUNK);
        StreamingBody.send(ctx.vertx().getOrCreateContext(), ctx.response(), chunks(blobChunks));
    }

    /** The record's head, {@code blobChunks} chunks of x, and its tail. */
    private Iterator<Buffer> chunks(int blobChunks) {
        return new Iterator<>() {
            private int sent = -1;   // -1: the head is next; blobChunks: the tail is next

            @Override
            public boolean hasNext() {
                return sent <= Math.max(blobChunks, 0);
            }

            @Override
            public Buffer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int part = sent++;
                if (part == -1) {
                    return Buffer.buffer("{\"id\":\"big\",\"ssn\":\"123-45-6789\",\"blob\":\"");
                }
                if (part < blobChunks) {
                    return blobChunk;
                }
                return Buffer.buffer("\",\"tail\":\"end\"}");
            }
        };
    }
}
