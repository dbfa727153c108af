package dev.warden.testapp.webflux;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bodies a misbehaving application might send, for the fail-closed tests: whatever bytes it is given, declared
 * JSON, optionally compressed by the application itself; and a record with one huge string. Both go out as raw
 * bytes (WebFlux's byte-array and data-buffer encoders), no JSON library involved.
 */
@RestController
public class RawBodyController {

    private static final DataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;
    private static final byte[] BIG_HEAD = "{\"id\":\"big\",\"ssn\":\"123-45-6789\",\"blob\":\"".getBytes(StandardCharsets.UTF_8);
    /** 64 KiB of the blob; every chunk of the body wraps this same array (it is only ever read). */
    private static final byte[] BIG_CHUNK = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
    private static final byte[] BIG_TAIL = "\",\"tail\":\"end\"}".getBytes(StandardCharsets.UTF_8);

    private final HandledCounter handled;

    public RawBodyController(HandledCounter handled) {
        this.handled = handled;
    }

    /**
     * {@code POST /api/debug/echo?encoding=identity|gzip|deflate|br|raw-NAME}: answers 200 with the request body as
     * {@code application/json}, compressed as asked; {@code br} and {@code raw-NAME} only declare the encoding
     * (br, or NAME) and send the bytes as they are. The body is read whole first, as Spring's @RequestBody does.
     */
    @PostMapping("/api/debug/echo")
    public Mono<ResponseEntity<byte[]>> echo(@RequestBody(required = false) Mono<byte[]> body,
            @RequestParam(defaultValue = "identity") String encoding) {
        return body.defaultIfEmpty(new byte[0]).map(bytes -> {
            handled.increment();
            ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
            if (!encoding.equals("identity")) {
                response.header(HttpHeaders.CONTENT_ENCODING, encoding.startsWith("raw-") ? encoding.substring(4) : encoding);
            }
            return response.body(encoding.equals("gzip") || encoding.equals("deflate") ? compress(bytes, encoding) : bytes);
        });
    }

    private static byte[] compress(byte[] bytes, String encoding) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream z = encoding.equals("gzip") ? new GZIPOutputStream(compressed) : new DeflaterOutputStream(compressed)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // in memory: cannot happen
        }
        return compressed.toByteArray();
    }

    /**
     * {@code GET /api/debug/big?mb=N}: {"id":"big","ssn":"123-45-6789","blob":"xxxx...","tail":"end"} with an N MB
     * blob (at most 200), streamed as 64 KiB buffers that Reactor Netty requests as it writes them.
     */
    @GetMapping(path = "/api/debug/big", produces = MediaType.APPLICATION_JSON_VALUE)
    public Flux<DataBuffer> big(@RequestParam(defaultValue = "1") int mb) {
        handled.increment();
        int chunks = Math.max(0, Math.min(mb, 200) * 16);
        return Flux.concat(
                Mono.fromSupplier(() -> BUFFERS.wrap(BIG_HEAD)),
                Flux.range(0, chunks).map(i -> BUFFERS.wrap(BIG_CHUNK)),
                Mono.fromSupplier(() -> BUFFERS.wrap(BIG_TAIL)));
    }
}
