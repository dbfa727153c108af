package dev.warden.testapp.legacyjavax;

import javax.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bodies a misbehaving application might send, for the fail-closed tests: whatever bytes it is given, declared
 * JSON, optionally compressed by the application itself; and a record with one huge string.
 */
@RestController
public class RawBodyController {

    private final HandledCounter handled;

    public RawBodyController(HandledCounter handled) {
        this.handled = handled;
    }

    /**
     * {@code POST /api/debug/echo?encoding=identity|gzip|deflate|br|raw-NAME}: answers 200 with the request body as
     * {@code application/json}, compressed as asked; {@code br} and {@code raw-NAME} only declare the encoding
     * (br, or NAME) and send the bytes as they are.
     */
    @PostMapping("/api/debug/echo")
    public void echo(@RequestBody(required = false) byte[] body, @RequestParam(defaultValue = "identity") String encoding,
                     HttpServletResponse response) throws IOException {
        handled.increment();
        byte[] bytes = body == null ? new byte[0] : body;
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

    /** {@code GET /api/debug/big?mb=N}: {"id":"big","ssn":"123-45-6789","blob":"xxxx..."} with an N MB blob, streamed. */
    @GetMapping("/api/debug/big")
    public void big(@RequestParam(defaultValue = "1") int mb, HttpServletResponse response) throws IOException {
        handled.increment();
        response.setContentType("application/json");
        OutputStream out = response.getOutputStream();
        out.write("{\"id\":\"big\",\"ssn\":\"123-45-6789\",\"blob\":\"".getBytes(StandardCharsets.UTF_8));
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < Math.min(mb, 200) * 16; i++) out.write(chunk);
        out.write("\",\"tail\":\"end\"}".getBytes(StandardCharsets.UTF_8));
    }
}
