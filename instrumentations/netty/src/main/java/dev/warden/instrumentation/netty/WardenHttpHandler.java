package dev.warden.instrumentation.netty;

import dev.warden.bootstrap.RequestScope;
import dev.warden.bootstrap.WardenBridge;
import dev.warden.bootstrap.WardenRuntime;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Locale;

/**
 * Warden in a Netty HTTP/1.x server pipeline, one per connection, right after the HTTP codec. Decides each request
 * as it is decoded: a denied one never reaches the application's handlers (its body is dropped) and is answered here;
 * an allowed one goes on with its headers edited. Responses pass back through here in request order, whatever
 * thread the application answered from (Netty runs every handler of a channel on its event loop), so the state of a
 * request lives in this handler, never in a ThreadLocal.
 */
public final class WardenHttpHandler extends ChannelDuplexHandler {

    /** Responses owed on this connection, oldest first (HTTP/1.1 pipelining answers in request order). */
    private final ArrayDeque<GuardedResponse> owed = new ArrayDeque<>();
    /** The body of a denied request is still arriving: drop it. */
    private boolean dropping;

    /** No request in progress on this connection. */
    boolean idle() {
        return owed.isEmpty() && !dropping;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            dropping = false;
            if (!decide(ctx, request)) {
                readOn(ctx);
                return;
            }
        } else if (dropping && msg instanceof HttpContent) {
            if (msg instanceof LastHttpContent) dropping = false;
            ReferenceCountUtil.release(msg);
            readOn(ctx);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * A message the application never saw cannot make it ask for the next one: servers that read on demand (Reactor
     * Netty turns auto-read off) would wait forever, so ask here.
     */
    private static void readOn(ChannelHandlerContext ctx) {
        if (!ctx.channel().config().isAutoRead()) ctx.read();
    }

    /** Returns true when the request goes on to the application. */
    private boolean decide(ChannelHandlerContext ctx, HttpRequest request) {
        WardenRuntime runtime = WardenBridge.runtime();
        if (runtime == null || request.decoderResult().isFailure()) return true; // the server answers a bad request
        refuseH2cUpgrade(request.headers());
        RequestScope scope = runtime.begin(new NettyRequest(request, ctx));
        GuardedResponse response;
        try {
            if (scope.denied()) {
                response = GuardedResponse.denial(scope, request, scope.status(), scope.headers(), scope.contentType(),
                        scope.body());
            } else {
                edit(request.headers(), scope);
                owed.addLast(GuardedResponse.forApplication(scope, request));
                return true;
            }
        } catch (RuntimeException | LinkageError e) {
            // Fail closed: a request Warden could not guard does not reach the application.
            runtime.warnOnce("netty:request", "Warden could not guard a request and answered 500: " + e);
            response = GuardedResponse.denial(scope, request, 500, null, null, new byte[0]);
        }
        dropping = !(request instanceof LastHttpContent);
        ReferenceCountUtil.release(request);
        if (owed.isEmpty()) response.sendDenial(ctx);
        else owed.addLast(response); // answered after the responses owed before it
        return false;
    }

    /**
     * An upgrade to h2c would take the connection, this request's response included, out of HTTP/1.x where Warden
     * cannot follow it: the server never sees the offer (a server may ignore Upgrade, RFC 9110 section 7.8), so the
     * client carries on in HTTP/1.1. Other upgrades (WebSocket) are left alone.
     */
    private static void refuseH2cUpgrade(HttpHeaders headers) {
        String upgrade = headers.get("Upgrade");
        if (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("h2c")) return;
        headers.remove("Upgrade");
        headers.remove("HTTP2-Settings");
        StringBuilder kept = new StringBuilder();
        for (String value : headers.getAll("Connection")) {
            for (String token : value.split(",")) {
                String t = token.trim();
                if (t.isEmpty() || t.equalsIgnoreCase("upgrade") || t.equalsIgnoreCase("http2-settings")) continue;
                kept.append(kept.length() == 0 ? "" : ", ").append(t);
            }
        }
        if (kept.length() == 0) headers.remove("Connection");
        else headers.set("Connection", kept.toString());
    }

    /** Hidden credentials and forged identity headers go; the forwarded identity replaces any value sent. */
    private static void edit(HttpHeaders headers, RequestScope scope) {
        for (String name : scope.removedRequestHeaders()) headers.remove(name);
        String prefix = scope.strippedRequestHeaderPrefix();
        if (prefix != null) {
            for (String name : new ArrayList<>(headers.names())) {
                if (name.regionMatches(true, 0, prefix, 0, prefix.length())) headers.remove(name);
            }
        }
        String[] added = scope.addedRequestHeaders();
        for (int i = 0; i + 1 < added.length; i += 2) headers.remove(added[i]);
        for (int i = 0; i + 1 < added.length; i += 2) headers.add(added[i], added[i + 1]);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        GuardedResponse response = owed.peekFirst();
        if (response == null || response.isDenial() || informational(msg)) {
            ctx.write(msg, promise); // not an answer to a request Warden decided (or an interim 100 Continue)
            return;
        }
        boolean complete = response.write(ctx, msg, promise)
                || msg instanceof HttpResponse r && r.status().code() == 101; // the connection leaves HTTP
        if (!complete) return;
        owed.pollFirst();
        if (msg instanceof HttpResponse r && r.status().code() == 101) response.end(null);
        while (!owed.isEmpty() && owed.peekFirst().isDenial()) owed.pollFirst().sendDenial(ctx);
    }

    private static boolean informational(Object msg) {
        if (!(msg instanceof HttpResponse r)) return false;
        int code = r.status().code();
        return code >= 100 && code < 200 && code != 101;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        abandon();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        abandon();
    }

    /** The connection ended with responses still owed: record them as unanswered. */
    private void abandon() {
        ClosedChannelException closed = null;
        while (!owed.isEmpty()) {
            GuardedResponse r = owed.pollFirst();
            if (closed == null) closed = new ClosedChannelException();
            r.end(closed);
        }
    }
}
