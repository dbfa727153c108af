package dev.warden.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLSession;

/**
 * HTTP/1.1 over a plain socket, byte for byte as the test writes it: no client library to normalize the request
 * target, merge or drop headers. One request per connection ({@code Connection: close} is added unless given).
 */
public final class RawHttp {
    private RawHttp() {}

    /** {@code METHOD TARGET HTTP/1.1} plus Host, the given header lines ("Name: value"), Connection: close. */
    public static Response get(int port, String target, String... headerLines) {
        return request(port, "GET " + target + " HTTP/1.1", headerLines);
    }

    /** As {@link #get}, from the local address {@code from} (e.g. 127.0.0.2, to play another client on loopback). */
    public static Response getFrom(InetAddress from, int port, String target, String... headerLines) {
        String requestLine = "GET " + target + " HTTP/1.1";
        return send(from, port, requestLine, requestBytes(port, requestLine, headerLines), Duration.ofSeconds(15));
    }

    /** The given request line (sent as is) plus Host, the header lines, Connection: close. */
    public static Response request(int port, String requestLine, String... headerLines) {
        return send(port, requestLine, requestBytes(port, requestLine, headerLines), Duration.ofSeconds(15));
    }

    private static byte[] requestBytes(int port, String requestLine, String... headerLines) {
        StringBuilder sb = new StringBuilder();
        sb.append(requestLine).append("\r\n");
        sb.append("Host: 127.0.0.1:").append(port).append("\r\n");
        boolean connection = false;
        for (String h : headerLines) {
            sb.append(h).append("\r\n");
            connection |= h.toLowerCase(Locale.ROOT).startsWith("connection:");
        }
        if (!connection) {
            sb.append("Connection: close\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends {@code bytes} and reads the answer until the server closes the connection (or the body is complete). */
    public static Response send(int port, String label, byte[] bytes, Duration timeout) {
        return send(null, port, label, bytes, timeout);
    }

    private static Response send(InetAddress from, int port, String label, byte[] bytes, Duration timeout) {
        try (Socket s = from == null ? new Socket(InetAddress.getLoopbackAddress(), port)
                : new Socket(InetAddress.getLoopbackAddress(), port, from, 0)) {
            s.setSoTimeout((int) timeout.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            return parse(port, label, s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("raw request '" + printable(label) + "' to port " + port + " failed", e);
        }
    }

    /** Parses one HTTP/1.1 response from {@code in} (Content-Length, chunked, or until EOF). */
    static Response parse(int port, String label, InputStream in) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new IOException("connection closed without a response");
        }
        String[] sl = statusLine.split(" ", 3);
        if (sl.length < 2 || !sl[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + printable(statusLine));
        }
        int status = Integer.parseInt(sl[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
            }
        }
        byte[] body;
        String te = first(headers, "Transfer-Encoding");
        String cl = first(headers, "Content-Length");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (true) {
                String size = readLine(in);
                if (size == null) {
                    break;
                }
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    while ((line = readLine(in)) != null && !line.isEmpty()) {
                        // trailers ignored
                    }
                    break;
                }
                b.write(in.readNBytes(n));
                readLine(in);
            }
            body = b.toByteArray();
        } else if (cl != null) {
            body = in.readNBytes(Integer.parseInt(cl.trim()));
        } else {
            body = in.readAllBytes();
        }
        return new Response(port, label, status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            b.write(c);
        }
        if (c == -1 && b.size() == 0) {
            return null;
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Control characters shown as \xNN, for messages. */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * A raw response, also as a {@link HttpResponse} so that the suite's assertions ({@link Http#assertProblem},
     * {@link Http#describe}) apply. Its {@link #request()} is a stand-in whose URI only names the raw request line.
     */
    public static final class Response implements HttpResponse<String> {
        private final int port;
        private final String label;
        private final int status;
        private final Map<String, List<String>> headers;
        private final String body;

        Response(int port, String label, int status, Map<String, List<String>> headers, String body) {
            this.port = port;
            this.label = label;
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        /** The request line as sent (control characters escaped). */
        public String label() {
            return printable(label);
        }

        @Override
        public int statusCode() {
            return status;
        }

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(uri()).method("RAW", HttpRequest.BodyPublishers.noBody()).build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(headers, (a, b) -> true);
        }

        @Override
        public String body() {
            return body;
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            try {
                return new URI("http", null, "127.0.0.1", port, "/raw-request-line", "line=" + printable(label), null);
            } catch (URISyntaxException e) {
                return URI.create("http://127.0.0.1:" + port + "/raw-request-line");
            }
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }

        @Override
        public String toString() {
            return label() + " -> " + status;
        }
    }
}
