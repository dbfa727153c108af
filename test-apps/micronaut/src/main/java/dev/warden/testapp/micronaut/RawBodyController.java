package dev.warden.testapp.micronaut;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import reactor.core.publisher.Flux;

/**
 * Bodies a misbehaving application might send, for the fail-closed tests: whatever bytes it is given, declared
 * JSON, optionally compressed by the application itself; and a record with one huge string, streamed.
 */
@Controller("/api/debug")
public class RawBodyController {

    private static final byte[] BIG_HEAD = "{\"id\":\"big\",\"ssn\":\"123-45-6789\",\"blob\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BIG_TAIL = "\",\"tail\":\"end\"}".getBytes(StandardCharsets.UTF_8);
    /** 64 KiB of 'x': sixteen of them make a megabyte of blob. Never modified, so every chunk can share it. */
    private static final byte[] BLOB_CHUNK = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);

    private final HandledCounter handled;

    public RawBodyController(HandledCounter handled) {
        this.handled = handled;
    }

    /**
     * {@code POST /api/debug/echo?encoding=identity|gzip|deflate|br|raw-NAME}: answers 200 with the request body as
     * {@code application/json}, compressed as asked; {@code br} and {@code raw-NAME} only declare the encoding
     * (br, or NAME) and send the bytes as they are. Any request content type is taken: the bytes are echoed, never parsed.
     */
    @Post(uri = "/echo", consumes = MediaType.ALL)
    public HttpResponse<byte[]> echo(@Body @Nullable byte[] body, @QueryValue(defaultValue = "identity") String encoding)
            throws IOException {
        handled.increment();
        byte[] bytes = body == null ? new byte[0] : body;   // no body at all: echo nothing, as for an empty one
        if (encoding.equals("gzip") || encoding.equals("deflate")) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (OutputStream z = encoding.equals("gzip") ? new GZIPOutputStream(compressed) : new DeflaterOutputStream(compressed)) {
                z.write(bytes);
            }
            bytes = compressed.toByteArray();
        }
        MutableHttpResponse<byte[]> response = HttpResponse.ok(bytes).contentType(MediaType.APPLICATION_JSON_TYPE);
        if (!encoding.equals("identity")) {
            response.header(HttpHeaders.CONTENT_ENCODING, encoding.startsWith("raw-") ? encoding.substring(4) : encoding);
        }
        return response;
    }

    /**
     * {@code GET /api/debug/big?mb=N}: {"id":"big","ssn":"123-45-6789","blob":"xxxx...","tail":"end"} with an N MB
     * blob (at most 200), streamed: a Flux of byte chunks that Micronaut writes raw, one after the other.
     */
    @Get("/big")
    public Flux<byte[]> big(@QueryValue(defaultValue = "1") int mb) {
        handled.increment();
        int chunks = Math.max(0, Math.min(mb, 200) * 16);
        return Flux.concat(Flux.just(BIG_HEAD), Flux.range(0, chunks).map(i -> BLOB_CHUNK), Flux.just(BIG_TAIL));
    }
}
