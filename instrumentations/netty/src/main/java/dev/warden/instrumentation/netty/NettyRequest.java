package dev.warden.instrumentation.netty;

import dev.warden.bootstrap.ExchangeView;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** A decoded Netty HTTP request, on its channel, seen as Warden's neutral {@link ExchangeView}. */
public final class NettyRequest implements ExchangeView {

    private final HttpRequest request;
    private final ChannelHandlerContext ctx;
    private final String path;
    private final String query;

    public NettyRequest(HttpRequest request, ChannelHandlerContext ctx) {
        this.request = request;
        this.ctx = ctx;
        String target = request.uri();
        // absolute-form (GET http://host/path HTTP/1.1): the path starts after the authority
        if (target.startsWith("http://") || target.startsWith("https://")) {
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        int q = target.indexOf('?');
        this.path = q < 0 ? target : target.substring(0, q);
        this.query = q < 0 ? null : target.substring(q + 1);
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String rawPath() {
        return path;
    }

    @Override
    public String query() {
        return query;
    }

    @Override
    public List<String> headers(String name) {
        return request.headers().getAll(name);
    }

    @Override
    public List<String> headerNames() {
        return new ArrayList<>(request.headers().names());
    }

    @Override
    public String clientIp() {
        SocketAddress peer = ctx.channel().remoteAddress();
        return peer instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress().getHostAddress() : "";
    }

    /** On TLS with client authentication, the chain the handshake verified. */
    @Override
    public X509Certificate[] clientCertificates() {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) return null;
        return ExchangeView.peerChain(ssl.engine().getSession());
    }
}
