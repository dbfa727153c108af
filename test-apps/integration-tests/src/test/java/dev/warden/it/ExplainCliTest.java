package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code java -jar warden-agent.jar explain} (issue 7) on the suite's main policy, through the real agent jar: the
 * route, the caller the headers authenticate (or why not), authorization, limits and masking, the exit status
 * (0 allowed, 1 denied, 2 usage or policy error), and never a key or a query value in what it prints.
 */
@Timeout(120)
class ExplainCliTest {

    private final SecretScan secrets = new SecretScan();
    private final PolicyFiles.Policy policy = PolicyFiles.render("main.yaml", "explain-main.yaml", Map.of("mode", "enforce"));

    @Test
    void aReaderKeyIsAllowedWithTheCustomerRulesApplied() {
        AgentCli.Result r = explain("explain-reader", "--path", "/api/customers/c-1001",
                "--header", "X-API-Key: " + secrets.secret("reader key", policy.key("reader")));
        assertEquals(0, r.exitCode(), r::describe);
        assertLines(r, "route: customers (routes[2]: /api/customers/**, any method)",
                "  apiKey: authenticates consumer 'reader'", "caller: reader (by apiKey)",
                "  rate limit: 100000 per 1m by consumer", "response masking for reader:", "  $..ssn remove",
                "  $..card.number mask (keepLast 4)", "  $..email redact",
                "decision: allow: the request reaches the application, its JSON response masked as above");
        assertNothingSecret(r);
    }

    @Test
    void aWrongKeyIsDeniedAndNeverPrinted() {
        String wrong = secrets.secret("a wrong API key", PolicyFiles.newApiKey());
        String query = secrets.secret("a query value", "q" + PolicyFiles.newApiKey());
        AgentCli.Result r = explain("explain-wrong-key", "--path", "/api/customers/c-1001?token=" + query,
                "--header", "X-API-Key: " + wrong);
        assertEquals(1, r.exitCode(), r::describe);
        assertLines(r, "  query parameters: token (values not shown)", "  headers: X-API-Key (values not shown)",
                "  apiKey: the X-API-Key value matches none of the policy's key hashes", "caller: anonymous",
                "response masking: none: the application is not called",
                "decision: deny 401 (deny:unauthenticated): Warden answers with a problem document; the application never sees the request");
        assertNothingSecret(r);
    }

    @Test
    void aReaderOnTheAdminRouteIsForbiddenByTheAllowCondition() {
        AgentCli.Result r = explain("explain-forbidden", "--path", "/api/admin/stats",
                "--header", "X-API-Key: " + secrets.secret("reader key", policy.key("reader")));
        assertEquals(1, r.exitCode(), r::describe);
        assertLines(r, "  allow: 'admin' in consumer.attributes.roles",
                "  result: denied (403): the allow condition is false for this caller");
        assertNothingSecret(r);
    }

    @Test
    void noRouteIsDeniedWithNotFound() {
        AgentCli.Result r = explain("explain-no-route", "--method", "DELETE", "--path", "/api/nowhere/42",
                "--header", "X-API-Key: " + secrets.secret("admin key", policy.key("admin")));
        assertEquals(1, r.exitCode(), r::describe);
        assertLines(r, "route: none matches DELETE /api/nowhere/42",
                "  unmatched: deny: Warden answers 404 and the application never sees the request",
                "decision: deny 404 (deny:not_found): Warden answers with a problem document; the application never sees the request");
        assertNothingSecret(r);
    }

    @Test
    void usageAndPolicyErrorsExitWithTwo() {
        AgentCli.Result noPath = AgentCli.run("explain-no-path", "explain", policy.given());
        assertEquals(2, noPath.exitCode(), noPath::describe);
        assertTrue(noPath.stderr().contains("usage: java -jar warden-agent.jar explain POLICY"), noPath::describe);
        AgentCli.Result missing = AgentCli.run("explain-missing-policy", "explain",
                PolicyFiles.missing("explain-none.yaml").toString(), "--path", "/health");
        assertEquals(2, missing.exitCode(), missing::describe);
        assertTrue(missing.stderr().contains("explain-none.yaml"), missing::describe);
    }

    private AgentCli.Result explain(String logName, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("explain", policy.given()));
        args.addAll(List.of(options));
        return AgentCli.run(logName, args.toArray(new String[0]));
    }

    private static void assertLines(AgentCli.Result r, String... expected) {
        List<String> lines = r.stdout().lines().toList();
        for (String line : expected) assertTrue(lines.contains(line), () -> "missing [" + line + "]\n" + r.describe());
    }

    private void assertNothingSecret(AgentCli.Result r) {
        secrets.keys(policy);
        String found = secrets.findIn(r.stdout() + "\n" + r.stderr(), "explain");
        assertTrue(found.isEmpty(), () -> "explain printed a secret:\n" + found);
    }
}
