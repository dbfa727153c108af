package dev.warden.it;

import static dev.warden.it.Http.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * hideCredentials and forwardIdentity (policy {@code policies/identity.yaml}), seen from inside the app through
 * {@code GET /api/debug/headers}: credentials never reach the app, the real consumer's identity does, and no client can
 * smuggle in X-Warden-Consumer* headers of its own -- on an authenticated route or an anonymous one. Two app JVMs
 * (started together): the debug route authenticated with [apiKey, jwt] (HS256, secret from the environment), and
 * the same policy with the debug route {@code authenticate: none}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class IdentityForwardingTest {
    private static final String APP = "spring-mvc";
    private static final String DEBUG = "/api/debug/headers";
    private static final String PREFIX = "x-warden-consumer";

    /** Client-sent identity headers, in several spellings: none of them may reach the app. */
    private static final String[] SPOOFED = {
        "X-Warden-Consumer", "admin",
        "x-warden-consumer-roles", "admin",
        "X-WARDEN-CONSUMER-TENANT", "evil-tenant",
        "X-Warden-Consumer-Extra", "evil-extra",
        "X-Warden-Consumerx", "evil-suffix",
    };

    private final SecretScan secrets = new SecretScan();
    private byte[] jwtSecret;
    private PolicyFiles.Policy policy;
    private PolicyFiles.Policy anonymousPolicy;
    private AppProcess app;
    private AppProcess anonymousApp;
    private Http http;
    private Http anonymousHttp;

    @BeforeAll
    void start() {
        String secret = "js" + PolicyFiles.newApiKey().substring(3);        // 45 URL-safe characters
        jwtSecret = secret.getBytes(StandardCharsets.UTF_8);
        secrets.secret("JWT secret", secret);
        policy = PolicyFiles.render("identity.yaml", "identity-" + APP + ".yaml", Map.of("debugAuthenticate", "[apiKey, jwt]"));
        anonymousPolicy = PolicyFiles.render("identity.yaml", "identity-anonymous-" + APP + ".yaml", Map.of("debugAuthenticate", "none"));
        for (PolicyFiles.Policy p : List.of(policy, anonymousPolicy)) {
            p.keys().forEach((consumer, key) -> secrets.secret(consumer + " API key", key));
        }
        app = AppProcess.builder(APP).policy(policy.path()).env("JWT_SECRET", secret).logName(APP + "-identity").start();
        anonymousApp = AppProcess.builder(APP).policy(anonymousPolicy.path()).env("JWT_SECRET", secret)
                .logName(APP + "-identity-anonymous").start();
        secrets.app(app);
        secrets.app(anonymousApp);
        app.awaitReady();
        anonymousApp.awaitReady();
        http = new Http(app.port());
        anonymousHttp = new Http(anonymousApp.port());
    }

    @AfterAll
    void stop() {
        for (AppProcess p : Arrays.asList(app, anonymousApp)) {
            if (p != null) {
                p.close();
            }
        }
        if (app != null && anonymousApp != null) {
            secrets.assertNoSecretsInLogs();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private String hsToken(String sub, String tenant, List<String> roles) {
        return secrets.token("JWT", Jwt.token(sub).claim("tid", tenant).claim("realm_access", Map.of("roles", roles))
                .signHs256(jwtSecret));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The headers the app saw (lower-case name -> values), from a 200 of /api/debug/headers. */
    private static JsonNode seen(HttpResponse<String> r, Supplier<String> ctx) {
        assertStatus(200, r, ctx);
        JsonNode headers = Http.json(r);
        assertTrue(headers.isObject(), () -> "/api/debug/headers must be a JSON object\n" + Http.describe(r));
        return headers;
    }

    private static List<String> values(JsonNode headers, String name) {
        List<String> out = new ArrayList<>();
        headers.path(name).forEach(v -> out.add(v.asText()));
        return out;
    }

    /** Names of the headers the app saw that start with x-warden-consumer. */
    private static List<String> identityHeaders(JsonNode headers) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = headers.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
                out.add(name);
            }
        }
        return out;
    }

    private static List<String> commaList(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String item : v.split(",")) {
                out.add(item.trim());
            }
        }
        return out;
    }

    private static void assertNoCredentials(JsonNode headers, Supplier<String> ctx) {
        assertFalse(headers.has("x-api-key"), () -> "hideCredentials: the app saw X-API-Key\n" + headers + "\n" + ctx.get());
        assertFalse(headers.has("authorization"), () -> "hideCredentials: the app saw Authorization\n" + headers + "\n" + ctx.get());
    }

    // ---- the debug endpoint itself ---------------------------------------------------------------------------------

    @Test
    void debugEndpointShowsOrdinaryHeadersAndCountsAsHandled() {
        long before = handled();
        HttpResponse<String> r = http.getWithHeaders(DEBUG, "X-API-Key", policy.key("acme"), "X-Test-Multi", "one",
                "X-Test-Multi", "two", "Accept", "application/json");
        JsonNode headers = seen(r, app::tail);
        assertEquals(List.of("one", "two"), values(headers, "x-test-multi"), () -> "values in order\n" + headers);
        assertTrue(headers.has("host"), () -> "Host must be listed\n" + headers);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), () -> Http.describe(r));
        assertEquals(before + 1, handled(), "/api/debug/headers counts in handled");
    }

    // ---- authenticated route ---------------------------------------------------------------------------------------

    @Test
    void apiKeyConsumerIsForwardedAndItsKeyHidden() {
        Supplier<String> ctx = app::tail;
        JsonNode headers = seen(http.get(DEBUG, policy.key("acme")), ctx);
        assertNoCredentials(headers, ctx);
        assertEquals(List.of("acme"), values(headers, "x-warden-consumer"), () -> headers.toString());
        assertEquals(List.of("t-acme"), values(headers, "x-warden-consumer-tenant"), () -> headers.toString());
        assertEquals(1, values(headers, "x-warden-consumer-roles").size(), () -> "one roles header\n" + headers);
        assertEquals(List.of("reader", "billing"), commaList(values(headers, "x-warden-consumer-roles")),
                () -> "roles comma-joined in order\n" + headers);
        assertEquals(Set.of("x-warden-consumer", "x-warden-consumer-tenant", "x-warden-consumer-roles"),
                Set.copyOf(identityHeaders(headers)), () -> "only the configured attributes are forwarded\n" + headers);
    }

    @Test
    void jwtConsumerIsForwardedAndItsTokenHidden() {
        Supplier<String> ctx = app::tail;
        String token = hsToken("jwt-user-1", "t-jwt", List.of("reader", "auditor"));
        JsonNode headers = seen(http.getWithHeaders(DEBUG, "Authorization", "Bearer " + token), ctx);
        assertNoCredentials(headers, ctx);
        assertEquals(List.of("jwt-user-1"), values(headers, "x-warden-consumer"), () -> headers.toString());
        assertEquals(List.of("t-jwt"), values(headers, "x-warden-consumer-tenant"), () -> headers.toString());
        assertEquals(List.of("reader", "auditor"), commaList(values(headers, "x-warden-consumer-roles")), () -> headers.toString());
        for (JsonNode values : headers) {
            for (JsonNode v : values) {
                assertFalse(v.asText().contains(token.substring(token.lastIndexOf('.') + 1)),
                        () -> "the token must not reach the app in any header\n" + headers);
            }
        }
    }

    @Test
    void wrongHs256SecretIs401() {
        long before = handled();
        String forged = secrets.token("JWT", Jwt.token("jwt-user-1").claim("realm_access", Map.of("roles", List.of("admin")))
                .signHs256(("not-the-secret-" + PolicyFiles.newApiKey()).getBytes(StandardCharsets.UTF_8)));
        Challenges.assertBearer401(http.getWithHeaders(DEBUG, "Authorization", "Bearer " + forged), Set.of("invalid_token"), app::tail);
        assertEquals(before, handled(), app::tail);
    }

    @Test
    void spoofedIdentityHeadersNeverReachTheAppOfAnAuthenticatedRoute() {
        Supplier<String> ctx = app::tail;
        JsonNode headers = seen(http.getWithHeaders(DEBUG, concat(SPOOFED, "X-API-Key", policy.key("acme"))), ctx);
        assertEquals(List.of("acme"), values(headers, "x-warden-consumer"), () -> "spoofed X-Warden-Consumer got through\n" + headers);
        assertEquals(List.of("reader", "billing"), commaList(values(headers, "x-warden-consumer-roles")),
                () -> "spoofed roles got through\n" + headers);
        assertEquals(List.of("t-acme"), values(headers, "x-warden-consumer-tenant"), () -> "spoofed tenant got through\n" + headers);
        assertFalse(headers.has("x-warden-consumer-extra"), () -> headers.toString());
        assertFalse(headers.has("x-warden-consumerx"), () -> headers.toString());
        assertNoCredentials(headers, ctx);

        // A consumer without tenant/roles attributes: the spoofed ones must not fill the gap.
        JsonNode plain = seen(http.getWithHeaders(DEBUG, concat(SPOOFED, "X-API-Key", policy.key("plain"))), ctx);
        assertEquals(List.of("plain"), values(plain, "x-warden-consumer"), () -> plain.toString());
        for (String name : identityHeaders(plain)) {
            for (String v : values(plain, name)) {
                assertFalse(v.contains("admin") || v.contains("evil"), () -> "spoofed value reached the app in " + name + "\n" + plain);
            }
        }
        assertEquals(Set.of(), Set.copyOf(identityHeaders(plain)).stream()
                        .filter(n -> !Set.of("x-warden-consumer", "x-warden-consumer-tenant", "x-warden-consumer-roles").contains(n))
                        .collect(java.util.stream.Collectors.toSet()),
                () -> "no other x-warden-consumer* header\n" + plain);

        // And with a bearer token.
        String token = hsToken("jwt-user-2", "t-jwt", List.of("reader"));
        JsonNode viaJwt = seen(http.getWithHeaders(DEBUG, concat(SPOOFED, "Authorization", "Bearer " + token)), ctx);
        assertEquals(List.of("jwt-user-2"), values(viaJwt, "x-warden-consumer"), () -> viaJwt.toString());
        assertEquals(List.of("reader"), commaList(values(viaJwt, "x-warden-consumer-roles")), () -> viaJwt.toString());
    }

    @Test
    void spoofedIdentityHeadersNeverReachTheAppOfAnAnonymousRoute() {
        Supplier<String> ctx = anonymousApp::tail;
        JsonNode headers = seen(anonymousHttp.getWithHeaders(DEBUG, SPOOFED), ctx);
        assertEquals(List.of(), identityHeaders(headers),
                () -> "on an anonymous route no identity is added and none may be smuggled in\n" + headers);
        // The same spoofing is refused outright on the authenticated variant (no credentials: 401, nothing reaches the app).
        long before = handled();
        Http.assertProblem(401, http.getWithHeaders(DEBUG, SPOOFED), app::tail);
        assertEquals(before, handled(), app::tail);
    }

    private long handled() {
        HttpResponse<String> r = http.get("/api/admin/stats", policy.key("admin"));
        assertStatus(200, r, () -> "reading the handled counter with the admin key\n" + app.tail());
        return Http.json(r).path("handled").asLong();
    }
}
