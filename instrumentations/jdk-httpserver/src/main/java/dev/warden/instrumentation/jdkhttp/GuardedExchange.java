package dev.warden.instrumentation.jdkhttp;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import dev.warden.bootstrap.RequestScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The exchange the application handles once Warden let it through: request headers as Warden edited them (hidden
 * credentials gone, forwarded identity added), and — when the route masks responses — a guarded body, with the
 * status and length the application sends held back until the body's fate is known (a masked body goes out
 * chunked, without the application's Content-Length and Content-Encoding). Everything else is the real exchange.
 */
public class GuardedExchange extends HttpExchange {

    private final HttpExchange real;
    private final RequestScope scope;
    private final ExchangeScope owner;
    private final Headers requestHeaders;
    private final GuardedBody body;
    private int heldCode = -1;
    private long heldLength;
    private boolean sent;
    private Boolean masked;
    private boolean closed;

    GuardedExchange(HttpExchange real, RequestScope scope, ExchangeScope owner) {
        this.real = real;
        this.scope = scope;
        this.owner = owner;
        this.requestHeaders = edited(real.getRequestHeaders(), scope);
        this.body = scope.masksResponse() ? new GuardedBody(this, scope) : null;
    }

    /** The request headers the application may see: a copy when Warden changes any, else the real ones. */
    private static Headers edited(Headers headers, RequestScope scope) {
        String[] remove = scope.removedRequestHeaders();
        String prefix = scope.strippedRequestHeaderPrefix();
        String[] add = scope.addedRequestHeaders();
        if (remove.length == 0 && prefix == null && add.length == 0) return headers;
        Headers copy = new Headers();
        String strip = prefix == null ? null : prefix.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (strip != null && name.startsWith(strip)) continue;
            boolean hidden = false;
            for (String r : remove) hidden |= r.equalsIgnoreCase(name);
            if (!hidden) copy.put(e.getKey(), e.getValue());
        }
        for (int i = 0; i + 1 < add.length; i += 2) copy.remove(add[i]);
        for (int i = 0; i + 1 < add.length; i += 2) copy.add(add[i], add[i + 1]);
        return copy;
    }

    // ---- the response: held while the body decides

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (body == null || length == -1) {
            // nothing to mask (or no body at all): straight through
            sent = true;
            real.sendResponseHeaders(code, length);
            return;
        }
        if (heldCode >= 0 || sent) throw new IOException("headers already sent");
        heldCode = code;
        heldLength = length;
    }

    /** Always the guarded body when the route masks: an application may ask for it again after the first byte. */
    @Override
    public OutputStream getResponseBody() {
        return body != null ? body : real.getResponseBody();
    }

    @Override
    public int getResponseCode() {
        return heldCode >= 0 && !sent ? heldCode : real.getResponseCode();
    }

    /** The body told us whether it is masked (it is then sent chunked: its length is not known). */
    void masked(boolean masking) {
        masked = masking;
    }

    /** Sends the held status and headers (once), and returns the real body. */
    OutputStream committedBody() throws IOException {
        if (!sent) {
            if (heldCode < 0) throw new IOException("response headers not sent yet");
            sent = true;
            if (Boolean.TRUE.equals(masked)) {
                real.getResponseHeaders().remove("Content-Length");
                real.getResponseHeaders().remove("Content-Encoding");
                real.sendResponseHeaders(heldCode, 0); // chunked
            } else {
                real.sendResponseHeaders(heldCode, heldLength);
            }
        }
        return real.getResponseBody();
    }

    /** Warden's answer instead of the application's, when nothing was sent yet; else the body just stops. */
    void replaceWith(int status, String contentType, byte[] problem) throws IOException {
        if (sent) return;
        sent = true;
        Headers h = real.getResponseHeaders();
        h.clear();
        h.set("Content-Type", contentType);
        real.sendResponseHeaders(status, problem.length);
        real.getResponseBody().write(problem);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            // a body is finished only if a response was started; closed without one, the JDK server decides
            if (body != null && (heldCode >= 0 || sent)) body.finish();
        } catch (IOException | RuntimeException e) {
            // the client went away or the body could not be completed; the guard already withheld what it must
        } finally {
            real.close();
            owner.finish(null);
        }
    }

    // ---- the rest is the real exchange

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return real.getResponseHeaders();
    }

    @Override
    public URI getRequestURI() {
        return real.getRequestURI();
    }

    @Override
    public String getRequestMethod() {
        return real.getRequestMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        return real.getHttpContext();
    }

    @Override
    public InputStream getRequestBody() {
        return real.getRequestBody();
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return real.getRemoteAddress();
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return real.getLocalAddress();
    }

    @Override
    public String getProtocol() {
        return real.getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return real.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        real.setAttribute(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        real.setStreams(i, o);
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return real.getPrincipal();
    }
}
