package dev.warden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain} against real policy files: the engine's decision read out, exit codes, nothing secret printed. */
class ExplainCommandTest {

    private static final String ACME_KEY = "acme-key-7f3a9c21d4";
    private static final String OPS_KEY = "ops-key-5b8e0d6a13";

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    @Test
    void rightKeyNamesTheCallerItsLimitsAndTheRulesThatApplyToIt() throws IOException {
        Run r = explain(policy("enforce", "deny", ""), "--path", "/api/customers/c-1001", "--header", "X-API-Key: " + ACME_KEY);
        assertEquals(0, r.exit(), r::toString);
        assertLines(r, "route: customer (routes[1]: /api/customers/{id}, GET)", "  captures: id=c-1001",
                "authentication: required: apiKey", "  apiKey: authenticates consumer 'acme'", "caller: acme (by apiKey)",
                "  attributes: roles=[reader], tier=gold",
                "  rate limit (policy-wide): 1000 per 1m by ip", "  rate limit: 100 per 1m by consumer",
                "  rate limit for tier=gold (instead of the route's): 500 per 1m by consumer",
                "  maxConcurrent: 4 in flight by consumer",
                "  dataBudget: 50 sensitive values in clear per 1h by consumer, then redacted",
                "response masking for acme:", "  $..card.number mask (keepLast 4)", "  $..ssn remove",
                "  not for this caller: $..card.number keep (when: 'billing' in consumer.attributes.roles)",
                "decision: allow: the request reaches the application, its JSON response masked as above");
        assertTrue(r.out().contains("applied to this request: \"global\";q=1000;w=60, \"customer.gold\";q=500;w=60"), r::toString);
        assertNoSecret(r);
    }

    @Test
    void aConditionalRuleAppliesToTheCallerItAdmits() throws IOException {
        Run r = explain(policy("enforce", "deny", ""), "--path", "/api/customers/c-1001", "--header", "x-api-key: " + OPS_KEY);
        assertEquals(0, r.exit(), r::toString);
        assertLines(r, "caller: ops (by apiKey)", "response masking for ops:",
                "  $..card.number keep (when: 'billing' in consumer.attributes.roles)", "  $..card.number mask (keepLast 4)");
        assertFalse(r.out().contains("not for this caller"), r::toString);
    }

    @Test
    void wrongKeyIsDeniedAndSaysWhyWithoutRepeatingTheKey() throws IOException {
        String wrong = "not-a-key-of-this-policy-42";
        Run r = explain(policy("enforce", "deny", ""), "--method", "get", "--path", "/api/customers/c-1001?token=q-secret-77",
                "--header", "X-API-Key: " + wrong, "--header", "Cookie: session=c-secret-88");
        assertEquals(1, r.exit(), r::toString);
        assertLines(r, "request: GET /api/customers/c-1001", "  query parameters: token (values not shown)",
                "  headers: X-API-Key, Cookie (values not shown)",
                "  apiKey: the X-API-Key value matches none of the policy's key hashes", "caller: anonymous",
                "  not reached: the request is refused before limits are counted",
                "response masking: none: the application is not called",
                "  WWW-Authenticate: ApiKey realm=\"warden\", header=\"X-API-Key\"");
        assertTrue(r.out().contains("decision: deny 401 (deny:unauthenticated)"), r::toString);
        for (String secret : List.of(wrong, "q-secret-77", "c-secret-88")) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), secret + " printed:\n" + r);
        }
    }

    @Test
    void noKeyAndAKeyGivenTwiceAreTold() throws IOException {
        Path policy = policy("enforce", "deny", "");
        Run none = explain(policy, "--path", "/api/customers/c-1001");
        assertEquals(1, none.exit(), none::toString);
        assertLines(none, "  headers: none", "  apiKey: no credential given (no X-API-Key header)");
        Run twice = explain(policy, "--path", "/api/customers/c-1001", "--header", "X-API-Key: " + ACME_KEY,
                "--header", "X-API-Key: " + ACME_KEY);
        assertEquals(1, twice.exit(), twice::toString);
        assertLines(twice, "  apiKey: the X-API-Key header is given more than once");
    }

    @Test
    void aRoleTheCallerLacksIsNamed() throws IOException {
        Run r = explain(policy("enforce", "deny", ""), "--path", "/api/admin/stats", "--header", "X-API-Key: " + ACME_KEY);
        assertEquals(1, r.exit(), r::toString);
        assertLines(r, "  requireRoles: admin", "  result: denied (403): the caller lacks role admin");
        Run ops = explain(policy("enforce", "deny", ""), "--path", "/api/admin/stats", "--header", "X-API-Key: " + OPS_KEY);
        assertEquals(0, ops.exit(), ops::toString);
        assertLines(ops, "  result: allowed", "response masking: none: the route has no response rules, the body passes unchanged");
    }

    @Test
    void noRouteFollowsTheUnmatchedSetting() throws IOException {
        Run denied = explain(policy("enforce", "deny", ""), "--method", "POST", "--path", "/api/nowhere/42");
        assertEquals(1, denied.exit(), denied::toString);
        assertLines(denied, "route: none matches POST /api/nowhere/42",
                "  unmatched: deny: Warden answers 404 and the application never sees the request");
        assertTrue(denied.out().contains("decision: deny 404 (deny:not_found)"), denied::toString);

        Run allowed = explain(policy("enforce", "allow", ""), "--path", "/api/nowhere/42");
        assertEquals(0, allowed.exit(), allowed::toString);
        assertLines(allowed, "  unmatched: allow: the application serves it with no authentication, authorization or masking",
                "  rate limit (policy-wide): 1000 per 1m by ip", "response masking: none (no route)",
                "decision: allow: the request reaches the application");
    }

    @Test
    void anAmbiguousPathIsRefused() throws IOException {
        Run r = explain(policy("enforce", "deny", ""), "--path", "/api/customers/a%2Fb", "--header", "X-API-Key: " + ACME_KEY);
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("route: none: the path is ambiguous"), r::toString);
        assertTrue(r.out().contains("decision: deny 400 (deny:bad_request)"), r::toString);
    }

    @Test
    void monitorModeWouldDenyButLetsThrough() throws IOException {
        Run r = explain(policy("monitor", "deny", ""), "--path", "/api/customers/c-1001", "--header", "X-API-Key: wrong-one");
        assertEquals(0, r.exit(), r::toString);
        assertLines(r, "  mode: monitor (decided and logged, nothing enforced, nothing masked)",
                "response masking: none: in monitor mode Warden masks nothing");
        assertTrue(r.out().contains("decision: would deny 401 (would_deny:unauthenticated)"), r::toString);
    }

    /** A shared store set to deny when unreachable: a preview that used it would answer 503; it counts locally. */
    @Test
    void theSharedRateLimitStoreIsNeverContacted() throws IOException {
        String store = "rateLimitStore:\n  redis: { uri: \"redis://127.0.0.1:1\", timeout: 50ms }\n  onFailure: deny\n  instances: 2\n";
        Run r = explain(policy("enforce", "deny", store), "--path", "/api/customers/c-1001", "--header", "X-API-Key: " + ACME_KEY);
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("decision: allow"), r::toString);
    }

    @Test
    void usageAndPolicyErrorsExitWithTwo() throws IOException {
        Path policy = policy("enforce", "deny", "");
        assertEquals(2, explain(policy).exit());
        assertEquals(2, explain(policy, "--method", "GET").exit());
        assertEquals(2, explain(policy, "--path", "relative").exit());
        assertEquals(2, explain(policy, "--path", "/x", "--header", "no colon").exit());
        assertEquals(2, explain(policy, "--path", "/x", "--verbose", "yes").exit());
        assertEquals(2, explain(policy, "--path").exit());
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "version: 1\nroutes:\n  - id: r\n    match: { path: /a }\n    colour: blue\n");
        Run r = explain(broken, "--path", "/a");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains(broken + ":5:5: "), r::toString);
    }

    @Test
    void headersAreNameColonValue() {
        assertEquals(List.of("X-API-Key", "a b: c"), List.of(ExplainCommand.header("X-API-Key:  a b: c ")));
        assertEquals(List.of("X-Empty", ""), List.of(ExplainCommand.header("X-Empty:")));
        assertEquals(null, ExplainCommand.header(": value"));
        assertEquals(null, ExplainCommand.header("Bad Name: value"));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Path policy(String mode, String unmatched, String extra) throws IOException {
        String text = "version: 1\n"
                + "mode: " + mode + "\n"
                + "consumers:\n"
                + "  - id: acme\n"
                + "    apiKeys: [ { sha256: \"" + sha256(ACME_KEY) + "\" } ]\n"
                + "    attributes: { roles: [reader], tier: gold }\n"
                + "  - id: ops\n"
                + "    apiKeys: [ { sha256: \"" + sha256(OPS_KEY) + "\" } ]\n"
                + "    attributes: { roles: [admin, billing], tier: free }\n"
                + "authentication:\n"
                + "  apiKey: { header: X-API-Key }\n"
                + "defaults:\n"
                + "  authenticate: [apiKey]\n"
                + "  unmatched: " + unmatched + "\n"
                + "rateLimits: [ { by: ip, limit: 1000, per: 1m } ]\n"
                + extra
                + "routes:\n"
                + "  - id: health\n"
                + "    match: { path: /health, methods: [GET] }\n"
                + "    authenticate: none\n"
                + "  - id: customer\n"
                + "    match: { path: \"/api/customers/{id}\", methods: [GET] }\n"
                + "    rateLimits: [ { by: consumer, limit: 100, per: 1m } ]\n"
                + "    limitsFor: { tier: { gold: [ { limit: 500, per: 1m } ] } }\n"
                + "    maxConcurrent: 4\n"
                + "    dataBudget: { maxValues: 50, per: 1h }\n"
                + "    response:\n"
                + "      fields:\n"
                + "        - { select: [\"$..card.number\"], action: keep, when: \"'billing' in consumer.attributes.roles\" }\n"
                + "        - { select: [\"$..card.number\"], action: mask, keepLast: 4 }\n"
                + "        - { select: [\"$..ssn\"], action: remove }\n"
                + "  - id: admin\n"
                + "    match: { path: \"/api/admin/**\" }\n"
                + "    requireRoles: [admin]\n";
        Path file = dir.resolve(mode + "-" + unmatched + "-" + Math.abs(extra.hashCode()) + ".yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static Run explain(Path policy, String... options) {
        List<String> args = new ArrayList<>(List.of("explain", policy.toString()));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ExplainCommand.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertLines(Run r, String... lines) {
        List<String> printed = r.out().lines().toList();
        for (String line : lines) assertTrue(printed.contains(line), () -> "missing line [" + line + "] in:\n" + r.out() + r.err());
    }

    private static void assertNoSecret(Run r) {
        for (String key : List.of(ACME_KEY, OPS_KEY, sha256(ACME_KEY), sha256(OPS_KEY))) {
            assertFalse(r.out().contains(key) || r.err().contains(key), "printed a key or its hash:\n" + r);
        }
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
