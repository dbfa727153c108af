package dev.warden.policy.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a bound: a larger body fails the exchange rather than filling the heap.
 * Bodies of non-200 responses are discarded unread (the result is then an empty array).
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

    static HttpResponse.BodyHandler<byte[]> handler(int maxBytes) {
        return info -> {
            if (info.statusCode() != 200) return HttpResponse.BodySubscribers.replacing(new byte[0]);
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            LimitedBody body = new LimitedBody(maxBytes);
            if (declared > maxBytes) body.result.completeExceptionally(new IOException("response body larger than " + maxBytes + " bytes"));
            return body;
        };
    }

    private final int maxBytes;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private LimitedBody(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (result.isDone()) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) return;
        for (ByteBuffer b : items) {
            if ((long) out.size() + b.remaining() > maxBytes) {
                subscription.cancel();
                result.completeExceptionally(new IOException("response body larger than " + maxBytes + " bytes"));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            out.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
