package dev.warden.testapp.undertowjsonb;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The first handler: works out the request's path the way a servlet container does, from the path as received
 * (percent-decoded, {@code ;params} dropped, {@code .} and {@code ..} resolved), makes it the exchange's relative path
 * for the routing handler after it, or answers 400 for a path a servlet container would refuse. (Undertow's own
 * decoding keeps {@code ;params} and dot segments, and differs from jetty-gson's and spring-mvc's on them.)
 */
final class ServletStylePaths implements HttpHandler {

    /** The canonical path, for the endpoints (the routing handler changes the relative path as it matches). */
    static final AttachmentKey<String> PATH = AttachmentKey.create(String.class);

    private final HttpHandler next;
    private final HttpHandler badRequest;

    ServletStylePaths(HttpHandler next, HttpHandler badRequest) {
        this.next = next;
        this.badRequest = badRequest;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = canonicalPath(rawPath(exchange));
        if (path == null) {
            badRequest.handleRequest(exchange);
            return;
        }
        exchange.putAttachment(PATH, path);
        exchange.setRelativePath(path);
        next.handleRequest(exchange);
    }

    /** The request URI's path as received, without the scheme and authority of an absolute-form request. */
    private static String rawPath(HttpServerExchange exchange) {
        String uri = exchange.getRequestURI();
        if (exchange.isHostIncludedInRequestURI()) {
            int scheme = uri.indexOf("://");
            int slash = uri.indexOf('/', scheme < 0 ? 0 : scheme + 3);
            return slash < 0 ? "/" : uri.substring(slash);
        }
        return uri;
    }

    /**
     * The path a servlet container would route by, or null for a path it would refuse with 400: each segment's
     * {@code ;parameters} dropped and its percent-escapes decoded (UTF-8); {@code .} and {@code ..} segments
     * resolved. Ambiguous paths are refused, as Jetty 12 refuses them for jetty-gson: an encoded {@code /}
     * ({@code %2F}) or {@code %} ({@code %25}), an empty segment ({@code //}; a trailing {@code /} is fine), an
     * encoded dot segment ({@code %2e}, {@code .%2E}), a dot segment with parameters ({@code ..;x}), a {@code ..}
     * above the root, an escape that is not valid UTF-8. (The same rules as test-apps/jdk-httpserver's router.)
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
