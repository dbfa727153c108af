package dev.warden.instrumentation.netty;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Warden's own answers (denials, 500 and 502 problems) as complete Netty responses. */
public final class Responses {

    private Responses() {
    }

    public static FullHttpResponse of(HttpVersion version, int status, String[] headers, String contentType, byte[] body,
                                      boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body));
        HttpHeaders h = response.headers();
        for (int i = 0; headers != null && i + 1 < headers.length; i += 2) h.set(headers[i], headers[i + 1]);
        if (body.length > 0 && contentType != null) h.set("Content-Type", contentType);
        h.set("Content-Length", body.length);
        if (!keepAlive) h.set("Connection", "close");
        else if (version == HttpVersion.HTTP_1_0) h.set("Connection", "keep-alive");
        return response;
    }
}
