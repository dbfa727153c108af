package dev.warden.instrumentation.netty;

import dev.warden.bootstrap.WardenBridge;
import dev.warden.bootstrap.WardenRuntime;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ServerChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.List;

/**
 * Places {@link WardenHttpHandler} in a pipeline once it holds a server's HTTP codec: right after the codec (after
 * both halves when the server adds a request decoder and a response encoder separately, as Vert.x does), so that it
 * is the first to see a decoded request and the last to see a response before it is encoded.
 */
public final class PipelineHook {

    /** The handler's name in the pipeline. */
    public static final String NAME = "dev.warden.http";

    private PipelineHook() {
    }

    public static void added(ChannelPipeline pipeline, Object[] args) {
        ChannelHandler handler = null;
        for (Object a : args) {
            if (a instanceof ChannelHandler h) handler = h;
        }
        if (handler == null || handler instanceof WardenHttpHandler) return;
        if (!(handler instanceof HttpServerCodec || handler instanceof HttpRequestDecoder
                || handler instanceof HttpResponseEncoder)) {
            refuseHttp2(pipeline, handler);
            keepFirst(pipeline);
            return;
        }
        WardenRuntime runtime = WardenBridge.runtime();
        if (runtime == null || pipeline.get(WardenHttpHandler.class) != null) return;
        String after = codecEnd(pipeline);
        if (after == null) return; // only one half of a server codec so far: wait for the other
        try {
            pipeline.addAfter(after, NAME, new WardenHttpHandler());
        } catch (RuntimeException e) {
            failClosed(pipeline, e);
        }
    }

    /** A server pipeline Warden cannot guard must not serve requests unguarded. */
    private static void failClosed(ChannelPipeline pipeline, RuntimeException e) {
        WardenRuntime runtime = WardenBridge.runtime();
        if (runtime != null) {
            runtime.warnOnce("netty:pipeline", "Warden could not guard a Netty HTTP pipeline and closed its channel: " + e);
        }
        pipeline.close();
    }

    /**
     * Keeps Warden's handler the first after the codec when a server inserts handlers there later (Vert.x puts its h2c
     * upgrade handler right after the encoder): requests must meet Warden before anything else acts on them.
     * Moved only between requests (servers set their pipelines up when a connection opens).
     */
    private static void keepFirst(ChannelPipeline pipeline) {
        WardenHttpHandler warden = pipeline.get(WardenHttpHandler.class);
        if (warden == null || !warden.idle()) return;
        String after = codecEnd(pipeline);
        if (after == null) return;
        List<String> names = pipeline.names();
        if (names.indexOf(NAME) == names.indexOf(after) + 1) return;
        try {
            pipeline.remove(warden);
            pipeline.addAfter(after, NAME, new WardenHttpHandler()); // a handler instance cannot be added twice
        } catch (RuntimeException e) {
            failClosed(pipeline, e);
        }
    }

    /** The name of the last handler of the server codec, or null when the pipeline has no complete server codec. */
    private static String codecEnd(ChannelPipeline pipeline) {
        ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
        if (codec != null) return codec.name();
        ChannelHandlerContext decoder = pipeline.context(HttpRequestDecoder.class);
        ChannelHandlerContext encoder = pipeline.context(HttpResponseEncoder.class);
        if (decoder == null || encoder == null) return null;
        List<String> names = pipeline.names();
        return names.indexOf(decoder.name()) > names.indexOf(encoder.name()) ? decoder.name() : encoder.name();
    }

    /**
     * HTTP/2 requests never pass an HTTP/1.x codec, so Warden cannot guard them: an HTTP/2 connection a server
     * accepts is closed (fail closed), with one warning that says how to serve the API. Clients' HTTP/2 connections
     * (no server parent) are left alone. h2c upgrades never get this far: {@link WardenHttpHandler} refuses them.
     */
    private static void refuseHttp2(ChannelPipeline pipeline, ChannelHandler handler) {
        if (!isHttp2ConnectionHandler(handler.getClass())) return;
        if (!(pipeline.channel().parent() instanceof ServerChannel)) return;
        WardenRuntime runtime = WardenBridge.runtime();
        if (runtime == null) return;
        runtime.warnOnce("netty:http2", "refused an HTTP/2 connection (" + handler.getClass().getName() + "): Warden "
                + "guards Netty HTTP/1.x servers only; disable HTTP/2 on this server (clients then use HTTP/1.1)");
        pipeline.channel().close();
    }

    private static boolean isHttp2ConnectionHandler(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals("io.netty.handler.codec.http2.Http2ConnectionHandler")) return true;
        }
        return false;
    }
}
