package dev.warden.instrumentation.netty;

import dev.warden.bootstrap.RequestScope;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.OutputStream;

/**
 * One request's response on its way out, in the order requests arrived on the connection. Either a denial Warden
 * answers itself (sent when every earlier response on the connection is complete), or the application's response:
 * its headers get Warden's, and a JSON body it must mask is rebuilt from the masking engine's output — the status and
 * headers are held until {@link #HOLD_BYTES} of body (all of it on HTTP/1.0) went through, so a body that turns out not
 * to be maskable can still be answered with Warden's 502; past that the body goes out chunked, and a failure ends the
 * connection instead of letting an unmasked byte out.
 */
public final class GuardedResponse {

    static final int HOLD_BYTES = 8192;

    private final RequestScope scope;
    private final FullHttpResponse denial;
    private final boolean keepAlive;
    private final boolean head;
    private final boolean holdAll;
    private int status;
    private boolean started;
    private ByteBufSink out;
    private OutputStream sink;
    private HttpResponse heldHead;
    private boolean headSent;
    private boolean withheld;
    private boolean ended;

    private GuardedResponse(RequestScope scope, FullHttpResponse denial, HttpRequest request) {
        this.scope = scope;
        this.denial = denial;
        this.keepAlive = HttpUtil.isKeepAlive(request);
        this.head = HttpMethod.HEAD.equals(request.method());
        this.holdAll = request.protocolVersion() == HttpVersion.HTTP_1_0;
        this.status = denial != null ? denial.status().code() : 0;
    }

    /** The application's response to an allowed request. */
    public static GuardedResponse forApplication(RequestScope scope, HttpRequest request) {
        return new GuardedResponse(scope, null, request);
    }

    /** Warden's own answer (a denial, or a 500 when a request could not be guarded). */
    public static GuardedResponse denial(RequestScope scope, HttpRequest request, int status, String[] headers,
                                         String contentType, byte[] body) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        return new GuardedResponse(scope, Responses.of(request.protocolVersion(), status, headers, contentType, body,
                keepAlive), request);
    }

    public boolean isDenial() {
        return denial != null;
    }

    /** Sends the denial and records it. */
    public void sendDenial(ChannelHandlerContext ctx) {
        ended = true;
        if (keepAlive) ctx.writeAndFlush(denial);
        else ctx.writeAndFlush(denial).addListener(ChannelFutureListener.CLOSE);
        scope.end(status, null);
    }

    /**
     * One outbound message of the application's response. Returns true when it was the last one (the response is
     * then recorded). Never lets an unmasked byte of a masked body through: on any failure the body is withheld.
     */
    public boolean write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean last = msg instanceof LastHttpContent;
        if (withheld) {
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
            return finishIf(last, null);
        }
        try {
            if (msg instanceof HttpResponse response) {
                start(ctx, response);
                if (sink == null) {
                    ctx.write(msg, promise);
                    return finishIf(last, null);
                }
            } else if (sink == null) {
                ctx.write(msg, promise);
                return finishIf(last, null);
            }
            if (msg instanceof HttpContent content) {
                feed(content.content());
            } else if (msg instanceof ByteBuf bytes) {
                feed(bytes);
            } else if (!(msg instanceof HttpResponse)) {
                // a FileRegion or anything else the engine cannot read: a masked body must not pass unread
                throw new java.io.IOException("cannot mask a " + msg.getClass().getName() + " body");
            }
            HttpHeaders trailers = last ? ((LastHttpContent) msg).trailingHeaders() : EmptyHttpHeaders.INSTANCE;
            ReferenceCountUtil.release(msg);
            msg = null;
            if (last) sink.close();
            emit(ctx, promise, last, trailers);
            return finishIf(last, null);
        } catch (Exception | LinkageError e) {
            if (msg != null) ReferenceCountUtil.release(msg);
            withhold(ctx, promise);
            return finishIf(last, null);
        }
    }

    private void start(ChannelHandlerContext ctx, HttpResponse response) {
        started = true;
        status = response.status().code();
        HttpHeaders h = response.headers();
        String[] headers = scope.headers();
        for (int i = 0; i + 1 < headers.length; i += 2) h.set(headers[i], headers[i + 1]);
        if (head || status == 204 || status == 304 || !scope.masksResponse()) return;
        out = new ByteBufSink(ctx.alloc());
        OutputStream s = scope.bodyStream(out, h.get("Content-Type"), h.get("Content-Encoding"));
        if (s == out) {
            out = null;
            return;
        }
        sink = s;
        // a new head: the application's message may carry the first bytes of the body (Vert.x assembles them)
        heldHead = new DefaultHttpResponse(response.protocolVersion(), response.status(), h);
    }

    private void feed(ByteBuf bytes) throws java.io.IOException {
        int n = bytes.readableBytes();
        if (n == 0) return;
        if (bytes.hasArray()) {
            sink.write(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), n);
        } else {
            byte[] copy = new byte[Math.min(n, 16384)];
            for (int i = bytes.readerIndex(), end = i + n; i < end; i += copy.length) {
                int len = Math.min(copy.length, end - i);
                bytes.getBytes(i, copy, 0, len);
                sink.write(copy, 0, len);
            }
        }
    }

    /** Sends what the masking engine produced: nothing while the head is held, the head first once it goes. */
    private void emit(ChannelHandlerContext ctx, ChannelPromise promise, boolean last, HttpHeaders trailers) {
        if (!last && !headSent && (holdAll || out.total() < HOLD_BYTES)) {
            promise.trySuccess(); // bounded: at most HOLD_BYTES (or one HTTP/1.0 body) is held
            return;
        }
        ByteBuf bytes = out.take();
        HttpHeaders h = heldHead.headers();
        if (!headSent) {
            headSent = true;
            h.remove("Content-Length");
            h.remove("Content-Encoding"); // the engine decoded the application's gzip or deflate
            if (last) {
                h.remove("Transfer-Encoding");
                h.set("Content-Length", bytes.readableBytes());
                ctx.write(new DefaultFullHttpResponse(heldHead.protocolVersion(), heldHead.status(), bytes, h, trailers),
                        promise);
                return;
            }
            HttpUtil.setTransferEncodingChunked(heldHead, true);
            ctx.write(heldHead);
        }
        if (last) {
            DefaultLastHttpContent end = new DefaultLastHttpContent(bytes);
            end.trailingHeaders().set(trailers);
            ctx.write(end, promise);
        } else if (bytes.isReadable()) {
            ctx.write(new DefaultHttpContent(bytes), promise);
        } else {
            bytes.release();
            promise.trySuccess();
        }
    }

    /** Warden's 502 while the head is held; past that the connection ends, the body cut short. */
    private void withhold(ChannelHandlerContext ctx, ChannelPromise promise) {
        withheld = true;
        if (out != null) out.discard();
        promise.trySuccess();
        if (!headSent && heldHead != null) {
            headSent = true;
            status = 502;
            FullHttpResponse problem = Responses.of(heldHead.protocolVersion(), 502, null, scope.contentType(),
                    scope.withheld(), keepAlive);
            if (keepAlive) ctx.writeAndFlush(problem);
            else ctx.writeAndFlush(problem).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    private boolean finishIf(boolean last, Throwable error) {
        if (last) end(error);
        return last;
    }

    /** Records the outcome, once (also when the connection closed before the response was complete). */
    public void end(Throwable error) {
        if (ended) return;
        ended = true;
        if (out != null) out.discard();
        scope.end(started || denial != null ? status : 499, error);
    }
}
