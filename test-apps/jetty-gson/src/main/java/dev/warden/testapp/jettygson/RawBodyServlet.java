package dev.warden.testapp.jettygson;

import com.google.gson.Gson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Bodies a misbehaving application might send, for the fail-closed tests, written to the servlet stream with no JSON
 * library involved: whatever bytes it is given, declared JSON, optionally compressed by the application itself
 * ({@code POST /api/debug/echo}); and a record with one huge string ({@code GET /api/debug/big}). One instance is
 * mapped to each path.
 */
final class RawBodyServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;

    static final String ECHO = "/api/debug/echo";
    static final String BIG = "/api/debug/big";

    RawBodyServlet(Gson gson, HandledCounter handled) {
        super(gson, handled);
    }

    @Override
    protected Set<String> methods(HttpServletRequest request) {
        return switch (request.getServletPath()) {
            case ECHO -> Set.of("POST");
            case BIG -> Set.of("GET");
            default -> null;
        };
    }

    /**
     * {@code POST /api/debug/echo?encoding=identity|gzip|deflate|br|raw-NAME}: answers 200 with the request body as
     * {@code application/json}, compressed as asked; {@code br} and {@code raw-NAME} only declare the encoding
     * (br, or NAME) and send the bytes as they are.
     */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] bytes = request.getInputStream().readAllBytes(); // the body first, as Spring's @RequestBody
        String encoding = stringParam(request, "encoding", "identity");
        handled.increment();
        if (encoding.equals("gzip") || encoding.equals("deflate")) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (OutputStream z = encoding.equals("gzip") ? new GZIPOutputStream(compressed) : new DeflaterOutputStream(compressed)) {
                z.write(bytes);
            }
            bytes = compressed.toByteArray();
        }
        response.setStatus(200);
        response.setContentType("application/json");
        if (!encoding.equals("identity")) {
            response.setHeader("Content-Encoding", encoding.startsWith("raw-") ? encoding.substring(4) : encoding);
        }
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** {@code GET /api/debug/big?mb=N}: {"id":"big","ssn":"123-45-6789","blob":"xxxx...","tail":"end"} with an N MB blob, streamed. */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int mb = intParam(request, "mb", 1);
        handled.increment();
        response.setContentType("application/json");
        OutputStream out = response.getOutputStream();
        out.write("{\"id\":\"big\",\"ssn\":\"123-45-6789\",\"blob\":\"".getBytes(StandardCharsets.UTF_8));
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < Math.min(mb, 200) * 16; i++) out.write(chunk);
        out.write("\",\"tail\":\"end\"}".getBytes(StandardCharsets.UTF_8));
    }
}
