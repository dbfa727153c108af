package dev.warden.it;

import static dev.warden.it.Http.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Path confusion against the admin route (policy {@code policies/main.yaml}: {@code /api/admin/**} allows only the
 * admin role; {@code /health} is anonymous; {@code /api/customers/**} is open to any consumer). Each variant of
 * {@code /api/admin/stats} is written on a raw socket, so no client library normalizes it, and sent three times:
 * <ul>
 *   <li>as the reader (not admin): must be 400, 403 or 404 -- never the stats;</li>
 *   <li>with no credentials: must be 400, 401, 403 or 404 -- never the stats;</li>
 *   <li>as the admin: never a 500, and a 200 only with the real stats body.</li>
 * </ul>
 * {@code handled} (read with the admin key) must not move for any of them. Note the stats handler itself does not
 * count in {@code handled}, so a leak to it is caught by the status and body checks; {@code handled} catches a variant
 * that Warden lets through to any other handler.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class PathConfusionTest {
    private static final String APP = "spring-mvc";
    private static final Set<Integer> READER_OK = Set.of(400, 403, 404);
    private static final Set<Integer> ANONYMOUS_OK = Set.of(400, 401, 403, 404);

    /** One request target (or, with {@code requestLine}, a whole request line) and why it is worth trying. */
    record Variant(String target, String requestLine, String reason) {
        static Variant of(String target, String reason) {
            return new Variant(target, null, reason);
        }

        String line(int port) {
            return requestLine != null ? requestLine.replace("PORT", Integer.toString(port)) : "GET " + target + " HTTP/1.1";
        }

        @Override
        public String toString() {
            return RawHttp.printable(requestLine != null ? requestLine : target) + "  -- " + reason;
        }
    }

    // @formatter:off
    /** The variants: request target, reason. */
    static final List<Variant> VARIANTS = List.of(
        //            target                                      reason
        Variant.of("/api/admin/stats",                          "control: the canonical path (reader 403, admin 200)"),
        Variant.of("/api//admin/stats",                         "empty segment: // collapses"),
        Variant.of("//api/admin/stats",                         "leading //"),
        Variant.of("//api//admin//stats",                       "every separator doubled"),
        Variant.of("/api/./admin/stats",                        "dot segment"),
        Variant.of("/./api/admin/stats",                        "leading dot segment"),
        Variant.of("/api/admin/./stats",                        "dot segment before the last segment"),
        Variant.of("/api/admin/x/../stats",                     "dot-dot resolves back into admin"),
        Variant.of("/api/customers/../admin/stats",             "dot-dot out of the open customers route"),
        Variant.of("/api/customers/c-1001/../../admin/stats",   "two dot-dots out of customers"),
        Variant.of("/health/../api/admin/stats",                "dot-dot out of the anonymous route"),
        Variant.of("/api/admin/stats;x=1",                      "path parameter on the last segment"),
        Variant.of("/api;x=1/admin/stats",                      "path parameter on the first segment"),
        Variant.of("/api/admin;jsessionid=1/stats",             "jsessionid path parameter"),
        Variant.of("/api/admin/stats;",                         "empty path parameter"),
        Variant.of("/api/customers/..;/admin/stats",            "Tomcat-style ..; traversal out of customers"),
        Variant.of("/health/..;/api/admin/stats",               "..; traversal out of the anonymous route"),
        Variant.of("/api/customers;/../admin/stats",            "path parameter then dot-dot"),
        Variant.of("/api/%61dmin/stats",                        "percent-encoded letter (a)"),
        Variant.of("/%61pi/admin/stats",                        "percent-encoded letter in the first segment"),
        Variant.of("/api/admin/%73tats",                        "percent-encoded letter (s)"),
        Variant.of("/api/admin/st%61ts",                        "percent-encoded letter mid-segment"),
        Variant.of("/api%2fadmin/stats",                        "encoded slash (lower case): ambiguous"),
        Variant.of("/api%2Fadmin%2Fstats",                      "encoded slashes (upper case): ambiguous"),
        Variant.of("/api/admin%2fstats",                        "encoded slash in the last separator"),
        Variant.of("/%2fapi/admin/stats",                       "encoded leading slash"),
        Variant.of("/api/admin%252fstats",                      "double-encoded slash"),
        Variant.of("/api\\admin/stats",                         "backslash separator"),
        Variant.of("/api%5cadmin/stats",                        "encoded backslash"),
        Variant.of("/api/%2e/admin/stats",                      "encoded dot segment"),
        Variant.of("/api/%2e%2e/api/admin/stats",               "encoded dot-dot"),
        Variant.of("/api/customers/%2e%2e/admin/stats",         "encoded dot-dot out of customers"),
        Variant.of("/api/customers/.%2e/admin/stats",           "half-encoded dot-dot out of customers"),
        Variant.of("/api/customers/%2e%2e;/admin/stats",        "encoded dot-dot with a path parameter"),
        Variant.of("/api/%c0%ae%c0%ae/admin/stats",             "overlong UTF-8 dots: invalid UTF-8"),
        Variant.of("/api/%ef%bc%8fadmin/stats",                 "fullwidth solidus U+FF0F"),
        Variant.of("/api/admin/stats%ff",                       "invalid UTF-8 byte"),
        Variant.of("/api/admin/stats/",                         "trailing slash (ignored by the matcher)"),
        Variant.of("/api/admin/stats//",                        "trailing //"),
        Variant.of("/API/admin/stats",                          "upper-case first segment"),
        Variant.of("/api/ADMIN/stats",                          "upper-case admin"),
        Variant.of("/api/admin/STATS",                          "upper-case last segment"),
        Variant.of("/api/admin/stats%00",                       "encoded NUL: control character"),
        Variant.of("/api/admin/stats%20",                       "encoded trailing space"),
        Variant.of("/api/admin/stats%09",                       "encoded tab: control character"),
        Variant.of("/api/admin/stats%0d%0aX-Injected:%201",     "encoded CRLF: control characters"),
        Variant.of("/api/admin/stats.json",                     "suffix pattern"),
        Variant.of("/api/admin/stats%3b",                       "encoded semicolon"),
        Variant.of("/api/admin/stats%2e",                       "encoded trailing dot"),
        Variant.of("/api/admin/stats?x=1",                      "query string"),
        Variant.of("/api/admin/stats?/../../health",            "traversal-looking query"),
        Variant.of("/api/admin/stats#frag",                     "fragment in the request target"),
        Variant.of("/api/admin/stats%",                         "truncated escape"),
        Variant.of("/api/admin/stats%2",                        "truncated escape (one digit)"),
        Variant.of("/api/admin/stats%zz",                       "bad hex escape"),
        Variant.of("/api/%u0061dmin/stats",                     "IIS-style %u escape"),
        Variant.of("/api/../../api/admin/stats",                "dot-dot above the root"),
        new Variant(null, "GET http://127.0.0.1:PORT/api/admin/stats HTTP/1.1", "absolute-form request target"),
        new Variant(null, "GET http://127.0.0.1:PORT/health/../api/admin/stats HTTP/1.1", "absolute form with dot-dot"),
        new Variant(null, "GET\t/api/admin/stats\tHTTP/1.1",   "tabs instead of spaces in the request line"),
        new Variant(null, "GET /api/admin/stats  HTTP/1.1",     "two spaces before the version"),
        new Variant(null, "GET /api/admin/stats HTTP/1.0",      "HTTP/1.0"));
    // @formatter:on

    private final SecretScan secrets = new SecretScan();
    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;

    @BeforeAll
    void start() {
        policy = PolicyFiles.render("main.yaml", "paths-" + APP + ".yaml", Map.of("mode", "enforce"));
        secrets.keys(policy);
        app = secrets.launch(AppProcess.builder(APP).policy(policy.path()).logName(APP + "-paths"));
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        secrets.closeAndCheck(app);
    }

    private long handled() {
        HttpResponse<String> r = http.get("/api/admin/stats", policy.key("admin"));
        assertStatus(200, r, () -> "reading the handled counter with the admin key\n" + app.tail());
        return Http.json(r).path("handled").asLong();
    }

    static Stream<Variant> variants() {
        return VARIANTS.stream();
    }

    @Test
    void atLeastFortyVariants() {
        assertTrue(VARIANTS.size() >= 40, "the table lists " + VARIANTS.size() + " variants");
        assertEquals(VARIANTS.size(), VARIANTS.stream().map(v -> v.line(1)).distinct().count(), "variants must differ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void variantNeverLeaksTheAdminRoute(Variant v) {
        long before = handled();
        String line = v.line(app.port());
        Supplier<String> ctx = () -> "variant " + v + "\n" + app.tail();

        RawHttp.Response reader = RawHttp.request(app.port(), line, "X-API-Key: " + policy.key("reader"));
        assertNoStats(reader, "reader", ctx);
        if (!READER_OK.contains(reader.statusCode())) {
            fail("as the reader expected 400, 403 or 404, got " + reader.statusCode() + "\n" + Http.describe(reader) + ctx.get());
        }
        RawHttp.Response anonymous = RawHttp.request(app.port(), line);
        assertNoStats(anonymous, "anonymous", ctx);
        if (!ANONYMOUS_OK.contains(anonymous.statusCode())) {
            fail("with no credentials expected 400, 401, 403 or 404, got " + anonymous.statusCode() + "\n"
                    + Http.describe(anonymous) + ctx.get());
        }
        assertEquals(before, handled(), () -> "a variant reached an app handler (handled moved)\n" + ctx.get());

        RawHttp.Response admin = RawHttp.request(app.port(), line, "X-API-Key: " + policy.key("admin"));
        if (admin.statusCode() >= 500) {
            fail("as the admin: a " + admin.statusCode() + "\n" + Http.describe(admin) + ctx.get());
        }
        if (admin.statusCode() == 200) {
            JsonNode stats = Http.json(admin);
            assertEquals(3, stats.path("customers").asInt(), () -> "a 200 must be the stats\n" + Http.describe(admin) + ctx.get());
            assertTrue(stats.path("handled").isIntegralNumber(), () -> Http.describe(admin) + ctx.get());
        }
        assertEquals(before, handled(), () -> "the admin's request reached a counting handler\n" + ctx.get());
        System.out.printf("path-confusion reader=%d anonymous=%d admin=%d  %s%n",
                reader.statusCode(), anonymous.statusCode(), admin.statusCode(), v);

        if (v.target() != null && v.target().equals("/api/admin/stats")) {
            assertEquals(403, reader.statusCode(), "control: the reader gets 403 on the canonical path");
            assertEquals(401, anonymous.statusCode(), "control: no credentials get 401 on the canonical path");
            assertEquals(200, admin.statusCode(), "control: the admin gets 200 on the canonical path");
        }
    }

    private static void assertNoStats(RawHttp.Response r, String who, Supplier<String> ctx) {
        if (r.statusCode() == 200 || r.body().contains("\"handled\"")) {
            fail("as " + who + " the admin stats leaked\n" + Http.describe(r) + ctx.get());
        }
    }
}
