package dev.warden.instrumentation.servlet.jakarta;

import dev.warden.bootstrap.RequestScope;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The response the application writes to when its route masks fields. Every body byte, from the stream or the
 * writer, goes through {@link GuardedOutputStream}. A Content-Length set by the application is held back until
 * the body's fate is known: kept when the body passes through, dropped (the container then sends the masked
 * length, or chunks) when it is masked.
 */
public final class GuardedResponse extends HttpServletResponseWrapper {

    private final RequestScope scope;
    private GuardedOutputStream stream;
    private PrintWriter writer;
    private long pendingLength = -1;
    private String pendingEncoding;
    private Boolean masking;

    GuardedResponse(HttpServletResponse response, RequestScope scope) {
        super(response);
        this.scope = scope;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (writer != null) throw new IllegalStateException("getWriter() has already been called for this response");
        return stream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer != null) return writer;
        if (stream != null) throw new IllegalStateException("getOutputStream() has already been called for this response");
        // JSON is masked as UTF-8: make the writer produce it, and say so in the Content-Type.
        if (scope.isJson(getContentType())) setCharacterEncoding("UTF-8");
        Charset charset;
        try {
            charset = Charset.forName(getCharacterEncoding());
        } catch (RuntimeException e) {
            charset = StandardCharsets.ISO_8859_1;
        }
        writer = new GuardedPrintWriter(stream(), charset);
        return writer;
    }

    private GuardedOutputStream stream() throws IOException {
        if (stream == null) stream = new GuardedOutputStream(super.getOutputStream(), scope, this);
        return stream;
    }

    /** Called by the stream when it knows whether the body is masked (a masked body goes out decoded, unencoded). */
    void decided(boolean masked) {
        masking = masked;
        if (!masked && pendingLength >= 0) super.setContentLengthLong(pendingLength);
        if (!masked && pendingEncoding != null) super.setHeader("Content-Encoding", pendingEncoding);
        pendingLength = -1;
        pendingEncoding = null;
    }

    /** The Content-Encoding the application declared for its body, held back until the body's fate is known. */
    String heldEncoding() {
        return pendingEncoding;
    }

    /** Warden's answer instead of the application's (the body was withheld before anything was committed). */
    void replaceWith(int status, String contentType, int length) {
        super.reset();
        super.setStatus(status);
        super.setContentType(contentType);
        super.setContentLengthLong(length);
    }

    @Override
    public void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        if (masking == null) pendingLength = len;
        else if (!masking) super.setContentLengthLong(len);
    }

    @Override
    public void setHeader(String name, String value) {
        if (isContentLength(name)) setContentLengthLong(parseLength(value));
        else if (holdsEncoding(name)) pendingEncoding = value;
        else super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        if (isContentLength(name)) setContentLengthLong(parseLength(value));
        else if (holdsEncoding(name)) pendingEncoding = pendingEncoding == null ? value : pendingEncoding + ", " + value;
        else super.addHeader(name, value);
    }

    /** Until the body is decided, the application's Content-Encoding is Warden's to read, not yet the client's. */
    private boolean holdsEncoding(String name) {
        return masking == null && "Content-Encoding".equalsIgnoreCase(name);
    }

    @Override
    public void setIntHeader(String name, int value) {
        if (isContentLength(name)) setContentLengthLong(value);
        else super.setIntHeader(name, value);
    }

    @Override
    public void addIntHeader(String name, int value) {
        if (isContentLength(name)) setContentLengthLong(value);
        else super.addIntHeader(name, value);
    }

    @Override
    public void flushBuffer() throws IOException {
        if (writer != null) writer.flush();
        if (stream != null) stream.flush();
        if (stream == null || !stream.holding()) super.flushBuffer();
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        if (stream != null) stream.restart();
    }

    @Override
    public void reset() {
        super.reset();
        pendingLength = -1;
        pendingEncoding = null;
        masking = null;
        if (stream != null) stream.restart();
    }

    /** The application is done: push out the masked tail of the body. */
    void finishBody() throws IOException {
        if (writer != null) writer.flush();
        if (stream != null) stream.finish();
        else {
            if (pendingLength >= 0) super.setContentLengthLong(pendingLength);
            if (pendingEncoding != null) super.setHeader("Content-Encoding", pendingEncoding);
        }
    }

    private static boolean isContentLength(String name) {
        return "Content-Length".equalsIgnoreCase(name);
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
