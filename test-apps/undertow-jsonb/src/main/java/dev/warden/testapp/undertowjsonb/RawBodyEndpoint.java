package dev.warden.testapp.undertowjsonb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Bodies a misbehaving application might send, for the fail-closed tests, with no JSON library involved: whatever
 * bytes it is given, declared JSON, optionally compressed by the application itself ({@code POST /api/debug/echo},
 * sent with Undertow's blocking Sender); and a record with one huge string ({@code GET /api/debug/big}, streamed to
 * the output stream). One instance serves both paths.
 */
final class RawBodyEndpoint extends Endpoint {

    static final String ECHO = "/api/debug/echo";
    static final String BIG = "/api/debug/big";

    RawBodyEndpoint(AppContext app) {
        super(app);
    }

    @Override
    protected Set<String> methods(Call call) {
        return switch (call.path()) {
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
    protected void doPost(Call call) throws IOException {
        byte[] bytes;
        try (InputStream in = call.exchange().getInputStream()) {
            bytes = in.readAllBytes();    // the body first, as Spring's @RequestBody
        }
        String encoding = stringParam(call, "encoding", "identity");
        handled.increment();
        if (encoding.equals("gzip") || encoding.equals("deflate")) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (OutputStream z = encoding.equals("gzip") ? new GZIPOutputStream(compressed) : new DeflaterOutputStream(compressed)) {
                z.write(bytes);
            }
            bytes = compressed.toByteArray();
        }
        if (!encoding.equals("identity")) {
            call.setHeader("Content-Encoding", encoding.startsWith("raw-") ? encoding.substring(4) : encoding);
        }
        call.exchange().setStatusCode(200);
        call.setHeader("Content-Type", "application/json");
        call.exchange().getResponseSender().send(ByteBuffer.wrap(bytes)); // sets the Content-Length, ends the exchange
    }

    /** {@code GET /api/debug/big?mb=N}: {"id":"big","ssn":"123-45-6789","blob":"xxxx...","tail":"end"} with an N MB blob, streamed. */
    @Override
    protected void doGet(Call call) throws IOException {
        int mb = intParam(call, "mb", 1);
        handled.increment();
        try (OutputStream out = call.send(200, "application/json", Call.UNKNOWN_LENGTH)) {
            out.write("{\"id\":\"big\",\"ssn\":\"123-45-6789\",\"blob\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < Math.min(mb, 200) * 16; i++) {
                out.write(chunk);
            }
            out.write("\",\"tail\":\"end\"}".getBytes(StandardCharsets.UTF_8));
        }
    }
}
