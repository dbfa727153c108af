package dev.warden.bootstrap;

import java.io.OutputStream;

/**
 * Warden's decision for one request and the state that follows it to the end of the response. Created by the
 * runtime, held by the instrumentation for the request's lifetime (never in a ThreadLocal).
 */
public interface RequestScope {

    /** True when the application must not run: write {@link #status()}, {@link #headers()} and {@link #body()}. */
    boolean denied();

    int status();

    /** Name/value pairs to set on the response, allowed or denied (challenges, Retry-After, RateLimit fields). */
    String[] headers();

    String contentType();

    /** Request header names the application must not see (hidden credentials), possibly empty. */
    String[] removedRequestHeaders();

    /** Incoming request headers starting with this (case-insensitive) are hidden from the application, or null. */
    String strippedRequestHeaderPrefix();

    /** Name/value pairs the application sees as request headers (forwarded identity), possibly empty. */
    String[] addedRequestHeaders();

    byte[] body();

    /** Whether a Content-Type is one Warden masks ({@code application/json}, {@code *+json}). */
    boolean isJson(String contentType);

    /**
     * Whether response bodies of this request must go through {@link #bodyStream}: they may need masking (the route
     * has field rules and mode enforces), or Warden reads this one for the API inventory (a few per endpoint).
     */
    boolean masksResponse();

    /**
     * The stream the response body must go through, given the content type the application declared: a masking
     * stream for JSON, {@code target} itself otherwise. Called once, at the first byte or at the end.
     */
    OutputStream bodyStream(OutputStream target, String contentType);

    /**
     * As {@link #bodyStream(OutputStream, String)} for a body the application encoded itself ({@code Content-Encoding},
     * null for none): gzip and deflate are decoded and masked (the response then goes out unencoded); a JSON body
     * in any other encoding is withheld. Its write methods throw {@link WithheldBodyException} once the body is
     * withheld.
     */
    OutputStream bodyStream(OutputStream target, String contentType, String contentEncoding);

    /** The 502 problem+json body sent instead of a withheld response (status 502, {@link #contentType()}). */
    byte[] withheld();

    /**
     * For serializer hooks: wraps a serializer's output so that the bytes it writes are known to be masked already
     * (they skip the wire engine). Bytes are trusted only after {@link SerializerOutput#arm(Object)}.
     */
    SerializerOutput serializerOutput(OutputStream out);

    /**
     * The framework's own route template for this request ({@code /api/customers/{id}}), when the server hook can
     * read it (Spring MVC's best-matching pattern); called before {@link #end}. It names the endpoint in the API
     * inventory instead of a path with its ids collapsed.
     */
    default void routeTemplate(String template) {
    }

    /** The response is complete (or failed): record it. Never throws. */
    void end(int status, Throwable error);
}
