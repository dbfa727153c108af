package dev.warden.testapp.jdkhttpserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one handler of the server's root context: what the servlet container and the servlet mappings do for
 * jetty-gson. It works out the request's path the way a servlet container does (percent-decoded, {@code ;params}
 * dropped, {@code .} and {@code ..} resolved, an ambiguous path answered 400), hands the request to the endpoint
 * mapped to it (exact paths, and {@code /api/customers} with everything below it) or answers 404, and turns an
 * exception into a 500 with the usual error body while nothing has been sent.
 */
final class Router implements HttpHandler {

    private final JsonMapper mapper;
    private final Map<String, Endpoint> exact;
    private final CustomerEndpoint customers;

    Router(JsonMapper mapper, HandledCounter handled, CustomerStore store) {
        this.mapper = mapper;
        this.customers = new CustomerEndpoint(handled, store);
        SlowEndpoint slow = new SlowEndpoint(handled);
        RawBodyEndpoint rawBodies = new RawBodyEndpoint(handled);
        this.exact = Map.of(
                "/health", new HealthEndpoint(handled),
                "/api/admin/stats", new AdminEndpoint(handled, store),
                "/api/debug/headers", new DebugHeadersEndpoint(handled),
                "/api/debug/slow", slow,
                "/api/debug/concurrency", slow.new Concurrency(),
                RawBodyEndpoint.ECHO, rawBodies,
                RawBodyEndpoint.BIG, rawBodies);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = canonicalPath(exchange.getRequestURI().getRawPath());
        Call call = new Call(exchange, mapper, path == null ? "" : path);
        try {
            if (path == null) {
                call.sendError(400);
            } else {
                Endpoint endpoint = CustomerEndpoint.serves(path) ? customers : exact.get(path);
                if (endpoint == null) {
                    call.sendError(404);    // nothing here, as a servlet container's default servlet
                } else {
                    endpoint.service(call);
                }
            }
        } catch (IOException e) {
            // Usually the client went away. Propagating it makes the server drop the connection without ending
            // the response properly (no last chunk), so a cut-short body never looks complete.
            throw e;
        } catch (RuntimeException | Error e) {
            IOException io = ioCause(e);
            if (io != null) {
                throw io;   // as above; Jackson 3 reports a failed write unchecked, often wrapped with its path
            }
            System.err.println("jdk-httpserver: " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                    + " failed:");
            e.printStackTrace();
            if (call.committed()) {
                throw new IOException("response aborted", e);   // as above: the connection is dropped
            }
            call.sendError(500);
        }
        exchange.close();
    }

    /** The I/O failure behind {@code e} (itself, or somewhere in its causes), or null. */
    private static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
            if (t instanceof UncheckedIOException unchecked) {
                return unchecked.getCause();
            }
        }
        return null;
    }

    /**
     * The path a servlet container would route by, or null for a path it would refuse with 400: each segment's
     * {@code ;parameters} dropped and its percent-escapes decoded (UTF-8); {@code .} and {@code ..} segments
     * resolved. Ambiguous paths are refused, as Jetty 12 refuses them for jetty-gson: an encoded {@code /}
     * ({@code %2F}) or {@code %} ({@code %25}), an empty segment ({@code //}; a trailing {@code /} is fine), an
     * encoded dot segment ({@code %2e}, {@code .%2E}), a dot segment with parameters ({@code ..;x}), a {@code ..}
     * above the root, an escape that is not valid UTF-8. (A path starting {@code //} or with a malformed escape never
     * gets here: the JDK server answers those itself, 404 and 400.)
     */
    static String canonicalPath(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return null;
        }
        String[] segments = rawPath.substring(1).split("/", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            String raw = segments[i];
            boolean last = i == segments.length - 1;
            int semicolon = raw.indexOf(';');
            if (semicolon >= 0) {
                raw = raw.substring(0, semicolon);
            }
            String lower = raw.toLowerCase(Locale.ROOT);
            if (lower.contains("%2f") || lower.contains("%25") || (raw.isEmpty() && !last)) {
                return null;        // an encoded separator or percent sign, an empty segment ("//")
            }
            String segment = decode(raw);
            if (segment == null) {
                return null;
            }
            if (segment.equals(".") || segment.equals("..")) {
                if (!raw.equals(segment) || semicolon >= 0) {
                    return null;    // an encoded dot segment, or one with parameters ("..;x")
                }
                if (segment.equals("..")) {
                    if (out.isEmpty()) {
                        return null;
                    }
                    out.remove(out.size() - 1);
                }
                if (last) {
                    out.add("");    // "/a/b/.." is "/a/", as URI normalization has it
                }
                continue;
            }
            out.add(segment);
        }
        return "/" + String.join("/", out);
    }

    /** Percent-decodes {@code s} as UTF-8 ({@code +} stays a plus); null when an escape is bad or not UTF-8. */
    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 3;
            } else {
                int next = s.indexOf('%', i);
                int end = next < 0 ? s.length() : next;
                byte[] plain = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(plain, 0, plain.length);
                i = end;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
