package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** JDK HttpClient helpers against one app on 127.0.0.1, plus response assertions shared by the suites. */
public final class Http {
    public static final String API_KEY_HEADER = "X-API-Key";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final URI base;

    public Http(int port) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)          // no h2c upgrade attempt
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /**
     * HTTPS to 127.0.0.1:{@code port} with {@code tls} (its trust material must accept the server's certificate, which
     * must name IP 127.0.0.1; its key material, if any, is the client certificate offered).
     */
    public Http(int port, javax.net.ssl.SSLContext tls) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(tls)
                .build();
        this.base = URI.create("https://127.0.0.1:" + port);
    }

    public URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    /** GET with the API key header when {@code apiKey} is not null. */
    public HttpResponse<String> get(String path, String apiKey) {
        return send(request(path, apiKey, DEFAULT_TIMEOUT).GET().build());
    }

    /** GET with the given headers: name, value, name, value... (a name given twice is sent twice). */
    public HttpResponse<String> getWithHeaders(String path, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("headers come as name, value pairs");
        }
        HttpRequest.Builder b = request(path, null, DEFAULT_TIMEOUT).GET();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.header(namesAndValues[i], namesAndValues[i + 1]);
        }
        return send(b.build());
    }

    public HttpResponse<String> send(String method, String path, String apiKey) {
        return send(request(path, apiKey, DEFAULT_TIMEOUT).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<String> postJson(String path, String apiKey, String json) {
        return send(request(path, apiKey, DEFAULT_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** GET whose body is read as a stream; {@code headersTimeout} bounds the wait for the response headers. */
    public HttpResponse<InputStream> getStream(String path, String apiKey, Duration headersTimeout) {
        try {
            return client.send(request(path, apiKey, headersTimeout).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Any HTTP answer at all (any status), or empty if nothing answered (connection refused, reset, timeout). */
    public Optional<HttpResponse<String>> tryGet(String path, Duration timeout) {
        try {
            return Optional.of(client.send(request(path, null, timeout).GET().build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private HttpRequest.Builder request(String path, String apiKey, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(timeout);
        if (apiKey != null) {
            b.header(API_KEY_HEADER, apiKey);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return Fixture.JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            fail("response body is not JSON: " + describe(response));
            throw new AssertionError(e);
        }
    }

    /** Status line, headers and (truncated) body, for failure messages. */
    public static String describe(HttpResponse<?> response) {
        StringBuilder sb = new StringBuilder();
        sb.append(response.request().method()).append(' ').append(response.request().uri())
                .append(" -> ").append(response.statusCode()).append('\n');
        response.headers().map().forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        if (response.body() instanceof String body) {
            sb.append("  body: ").append(body.length() > 2000 ? body.substring(0, 2000) + "...(" + body.length() + " chars)" : body);
        }
        return sb.toString();
    }

    public static void assertStatus(int expected, HttpResponse<?> response, Supplier<String> context) {
        if (response.statusCode() != expected) {
            fail("expected HTTP " + expected + " but got " + response.statusCode() + "\n" + describe(response)
                    + "\n" + context.get());
        }
    }

    /**
     * An RFC 9457 denial: the given status, Content-Type application/problem+json, a JSON object with type, title,
     * status (= the HTTP status) and detail, and nothing that looks like internals (stack traces, class names).
     */
    public static JsonNode assertProblem(int expectedStatus, HttpResponse<String> response, Supplier<String> context) {
        assertStatus(expectedStatus, response, context);
        Supplier<String> ctx = () -> describe(response) + "\n" + context.get();
        String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        assertTrue(contentType.startsWith("application/problem+json"),
                () -> "Content-Type must be application/problem+json\n" + ctx.get());
        String body = response.body();
        for (String internal : new String[] {"Exception", "at dev.", "java."}) {
            assertFalse(body.contains(internal), () -> "problem body must not leak internals ('" + internal + "')\n" + ctx.get());
        }
        JsonNode problem = json(response);
        assertTrue(problem.isObject(), () -> "problem body must be a JSON object\n" + ctx.get());
        assertTrue(problem.path("status").isIntegralNumber(), () -> "problem.status must be an integer\n" + ctx.get());
        assertEquals(expectedStatus, problem.path("status").asInt(), () -> "problem.status\n" + ctx.get());
        assertTrue(problem.path("title").isTextual() && !problem.path("title").asText().isBlank(),
                () -> "problem.title must be a non-empty string\n" + ctx.get());
        assertTrue(problem.path("type").isTextual() && !problem.path("type").asText().isBlank(),
                () -> "problem.type must be a non-empty string\n" + ctx.get());
        assertTrue(problem.path("detail").isTextual(), () -> "problem.detail must be a string\n" + ctx.get());
        return problem;
    }

    public static String requireHeader(HttpResponse<?> response, String name, Supplier<String> context) {
        Optional<String> value = response.headers().firstValue(name);
        if (value.isEmpty() || value.get().isBlank()) {
            fail("missing or empty header " + name + "\n" + describe(response) + "\n" + context.get());
        }
        return value.get();
    }

    /**
     * Parses a Structured-Fields list as used by draft-ietf-httpapi-ratelimit-headers ({@code "name";k=v;k=v, ...})
     * into name -> parameters. Good enough for the RateLimit and RateLimit-Policy fields (no commas in names).
     */
    public static Map<String, Map<String, String>> parseRateLimitField(String value) {
        Map<String, Map<String, String>> items = new LinkedHashMap<>();
        for (String item : value.split(",")) {
            String[] parts = item.trim().split(";");
            String name = unquote(parts[0].trim());
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                int eq = p.indexOf('=');
                if (eq < 0) {
                    params.put(p, "?1");
                } else {
                    params.put(p.substring(0, eq).trim(), unquote(p.substring(eq + 1).trim()));
                }
            }
            items.put(name, params);
        }
        return items;
    }

    /** The parameters of item {@code name} in a RateLimit / RateLimit-Policy header; fails if absent. */
    public static Map<String, String> rateLimitItem(HttpResponse<?> response, String header, String name,
                                                   Supplier<String> context) {
        String value = requireHeader(response, header, context);
        Map<String, String> item = parseRateLimitField(value).get(name);
        if (item == null) {
            fail(header + " has no item \"" + name + "\": " + value + "\n" + describe(response) + "\n" + context.get());
        }
        return item;
    }

    public static long intParam(Map<String, String> params, String key, String header, Supplier<String> context) {
        String v = params.get(key);
        if (v == null || !v.matches("\\d+")) {
            fail(header + " parameter " + key + " must be a non-negative integer, got " + params + "\n" + context.get());
        }
        return Long.parseLong(v);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
