package dev.warden.testapp.vertx;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Iterator;

/**
 * Sends a body of unknown length, made chunk by chunk on demand, with Vert.x's write-stream back-pressure: chunks are
 * written while the connection's write queue has room, and production resumes from the response's drain handler, so
 * the event loop never holds more than about a queue's worth of the body however large it is. Production stops once
 * the client has gone away.
 */
final class StreamingBody {

    /**
     * Chunks written in one go before the event loop gets a turn, even while the write queue has room: a closed
     * connection only shows as closed once the event loop has handled the close (until then its queue always has
     * room), and other requests on the same loop must not wait for a whole export.
     */
    static final int CHUNKS_PER_TURN = 8;

    private final Context context;
    private final HttpServerResponse response;
    private final Iterator<Buffer> chunks;

    private StreamingBody(Context context, HttpServerResponse response, Iterator<Buffer> chunks) {
        this.context = context;
        this.response = response;
        this.chunks = chunks;
    }

    /**
     * Sends the headers (chunked transfer coding), then every chunk of {@code chunks}, then ends the response. Call
     * it on the request's event loop ({@code context}).
     */
    static void send(Context context, HttpServerResponse response, Iterator<Buffer> chunks) {
        response.setChunked(true);
        new StreamingBody(context, response, chunks).writeSome();
    }

    private void writeSome() {
        for (int written = 0; chunks.hasNext(); written++) {
            if (response.closed()) {
                return;
            }
            if (response.writeQueueFull()) {
                response.drainHandler(v -> writeSome());
                return;
            }
            if (written == CHUNKS_PER_TURN) {
                context.runOnContext(v -> writeSome());
                return;
            }
            Buffer chunk = chunks.next();
            if (chunks.hasNext()) {
                response.write(chunk);
            } else {
                response.end(chunk);
                return;
            }
        }
        response.end();
    }
}
