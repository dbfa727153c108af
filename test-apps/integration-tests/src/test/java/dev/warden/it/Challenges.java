package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code WWW-Authenticate} challenges (RFC 9110 section 11.6.1): {@code scheme param=value, param="quoted", Other ...},
 * in one or several header fields; and the assertions the authentication suites share about 401/403 answers.
 */
public final class Challenges {
    private Challenges() {}

    /** One challenge: the scheme as sent, and its parameters (names lower-case, values unquoted). */
    public record Challenge(String scheme, Map<String, String> params) {
        public String param(String name) {
            return params.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public static List<Challenge> of(HttpResponse<?> response) {
        List<Challenge> all = new ArrayList<>();
        for (String value : response.headers().allValues("WWW-Authenticate")) {
            all.addAll(parse(value));
        }
        return all;
    }

    public static Optional<Challenge> find(HttpResponse<?> response, String scheme) {
        return of(response).stream().filter(c -> c.scheme().equalsIgnoreCase(scheme)).findFirst();
    }

    /** Parses one header field value into its challenges. Token68 forms are kept as param "" (unused by Warden). */
    public static List<Challenge> parse(String value) {
        List<Challenge> out = new ArrayList<>();
        int[] pos = {0};
        String s = value;
        while (true) {
            skip(s, pos, " \t,");
            if (pos[0] >= s.length()) {
                break;
            }
            String scheme = token(s, pos);
            if (scheme.isEmpty()) {
                throw new IllegalArgumentException("bad challenge at " + pos[0] + " in: " + value);
            }
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                int save = pos[0];
                skip(s, pos, " \t");
                if (save == pos[0] && pos[0] < s.length() && s.charAt(pos[0]) != ',') {
                    break;
                }
                skip(s, pos, " \t,");
                int start = pos[0];
                String name = token(s, pos);
                skip(s, pos, " \t");
                if (name.isEmpty() || pos[0] >= s.length() || s.charAt(pos[0]) != '=') {
                    pos[0] = start;                         // the next challenge's scheme (or the end)
                    break;
                }
                pos[0]++;                                   // '='
                skip(s, pos, " \t");
                String v;
                if (pos[0] < s.length() && s.charAt(pos[0]) == '"') {
                    StringBuilder q = new StringBuilder();
                    pos[0]++;
                    while (pos[0] < s.length() && s.charAt(pos[0]) != '"') {
                        char c = s.charAt(pos[0]++);
                        if (c == '\\' && pos[0] < s.length()) {
                            c = s.charAt(pos[0]++);
                        }
                        q.append(c);
                    }
                    pos[0]++;                               // closing quote
                    v = q.toString();
                } else {
                    v = token(s, pos);
                }
                params.put(name.toLowerCase(Locale.ROOT), v);
            }
            out.add(new Challenge(scheme, params));
        }
        return out;
    }

    private static void skip(String s, int[] pos, String chars) {
        while (pos[0] < s.length() && chars.indexOf(s.charAt(pos[0])) >= 0) {
            pos[0]++;
        }
    }

    private static String token(String s, int[] pos) {
        int start = pos[0];
        while (pos[0] < s.length() && "!#$%&'*+-.^_`|~/:".indexOf(s.charAt(pos[0])) >= 0
                || pos[0] < s.length() && Character.isLetterOrDigit(s.charAt(pos[0]))) {
            pos[0]++;
        }
        return s.substring(start, pos[0]);
    }

    // ---- shared assertions -----------------------------------------------------------------------------------------

    /** No error parameter in the Bearer challenge. */
    public static final String NO_ERROR = "";

    /**
     * Words that would tell a caller which check failed; a problem's title and detail must contain none of them (so
     * that a rejected token learns nothing about why).
     */
    private static final Pattern REVEALING = Pattern.compile(
            "(?i)expired|expiry|signature|issuer|\\biss\\b|audience|\\baud\\b|algorithm|\\balg\\b|\\bkid\\b|\\bjku\\b|\\bx5u\\b"
                    + "|\\bjwk\\b|\\bcrit\\b|critical|not before|\\bnbf\\b|\\biat\\b|\\bexp\\b|lifetime|scope|\\brole|tenant"
                    + "|customerid|certificate|fingerprint|\\bsan\\b|subject|introspect|inactive|jwks");

    /**
     * A 401 problem with a {@code Bearer realm="warden"} challenge whose {@code error} parameter is one of
     * {@code errors} ({@link #NO_ERROR} = no error parameter allowed), and a title/detail that names no check.
     */
    public static JsonNode assertBearer401(HttpResponse<String> r, Set<String> errors, Supplier<String> ctx) {
        JsonNode problem = Http.assertProblem(401, r, ctx);
        Supplier<String> c = () -> Http.describe(r) + "\n" + ctx.get();
        Challenge bearer = find(r, "Bearer").orElse(null);
        if (bearer == null) {
            fail("401 must carry a WWW-Authenticate Bearer challenge; got " + of(r) + "\n" + c.get());
        }
        assertTrue("warden".equals(bearer.param("realm")), () -> "Bearer challenge must have realm=\"warden\": " + bearer + "\n" + c.get());
        String error = bearer.param("error") == null ? NO_ERROR : bearer.param("error");
        assertTrue(errors.contains(error), () -> "Bearer challenge error must be one of " + errors + " (\"\" = none), got '"
                + error + "' in " + bearer + "\n" + c.get());
        assertNotRevealing(problem, c);
        return problem;
    }

    /** The ApiKey challenge for header X-API-Key is present. */
    public static void assertApiKeyChallenge(HttpResponse<String> r, Supplier<String> ctx) {
        Challenge apiKey = find(r, "ApiKey").orElse(null);
        if (apiKey == null) {
            fail("expected a WWW-Authenticate ApiKey challenge; got " + of(r) + "\n" + Http.describe(r) + "\n" + ctx.get());
        }
        assertTrue("warden".equals(apiKey.param("realm")) && "X-API-Key".equalsIgnoreCase(apiKey.param("header")),
                () -> "ApiKey challenge must be realm=\"warden\", header=\"X-API-Key\": " + apiKey + "\n" + ctx.get());
    }

    /** A 403 problem whose title/detail names no check. */
    public static JsonNode assertForbidden(HttpResponse<String> r, Supplier<String> ctx) {
        JsonNode problem = Http.assertProblem(403, r, ctx);
        assertNotRevealing(problem, () -> Http.describe(r) + "\n" + ctx.get());
        return problem;
    }

    /**
     * A 403 for missing scopes: {@code WWW-Authenticate: Bearer realm="warden", error="insufficient_scope",
     * scope="<scope>"} (RFC 6750 section 3.1). Since that header has to name the scope check anyway, the problem may
     * too; it must name no other check.
     */
    public static JsonNode assertInsufficientScope(HttpResponse<String> r, String scope, Supplier<String> ctx) {
        JsonNode problem = Http.assertProblem(403, r, ctx);
        Supplier<String> c = () -> Http.describe(r) + "\n" + ctx.get();
        Challenge bearer = find(r, "Bearer").orElse(null);
        assertTrue(bearer != null && "insufficient_scope".equals(bearer.param("error"))
                        && "warden".equals(bearer.param("realm")) && scope.equals(bearer.param("scope")),
                () -> "403 for scopes needs WWW-Authenticate: Bearer realm=\"warden\", error=\"insufficient_scope\", scope=\""
                        + scope + "\"; got " + of(r) + "\n" + c.get());
        for (String field : new String[] {"title", "detail"}) {
            String text = problem.path(field).asText("").replaceAll("(?i)scopes?", "");
            assertTrue(!REVEALING.matcher(text).find(),
                    () -> "problem." + field + " must not say which check failed (beyond the scope): '" + text + "'\n" + c.get());
        }
        return problem;
    }

    /** A 503 problem with a Retry-After of whole seconds. */
    public static JsonNode assertUnavailable(HttpResponse<String> r, Supplier<String> ctx) {
        JsonNode problem = Http.assertProblem(503, r, ctx);
        String retryAfter = Http.requireHeader(r, "Retry-After", ctx);
        assertTrue(retryAfter.trim().matches("\\d+"), () -> "Retry-After must be whole seconds: '" + retryAfter + "'\n"
                + Http.describe(r) + "\n" + ctx.get());
        return problem;
    }

    public static void assertNotRevealing(JsonNode problem, Supplier<String> ctx) {
        for (String field : new String[] {"title", "detail"}) {
            String text = problem.path(field).asText("");
            assertTrue(!REVEALING.matcher(text).find(),
                    () -> "problem." + field + " must not say which check failed: '" + text + "'\n" + ctx.get());
        }
    }

    /** For tests of the pattern itself. */
    static boolean revealing(String text) {
        return REVEALING.matcher(text).find();
    }
}
