package dev.warden.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** Policy mistakes are reported at the exact line and column, with a message that says what to do. */
class PolicyParserErrorsTest {

    private static final String FILE = "p.yaml";
    private static final String HASH = "62af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0ef";

    private static List<PolicyError> errors(String yaml) {
        LoadResult result = PolicyLoader.parse(FILE, yaml, Map.of("TENANT", "t-1")::get);
        assertFalse(result.ok(), "the policy was accepted");
        assertNull(result.policy());
        return result.errors();
    }

    /** Exactly one error, at {@code line:col}, whose message contains {@code phrase}. */
    private static void assertOneError(String yaml, int line, int col, String phrase) {
        List<PolicyError> errors = errors(yaml);
        assertEquals(1, errors.size(), errors.toString());
        assertError(errors.get(0), line, col, phrase);
    }

    private static void assertError(PolicyError error, int line, int col, String phrase) {
        String prefix = FILE + ":" + line + ":" + col + ": ";
        assertTrue(error.format().startsWith(prefix), () -> "expected " + prefix + "... but got " + error.format());
        assertTrue(error.message().contains(phrase), () -> "expected '" + phrase + "' in " + error.format());
    }

    @Test
    void unknownKeyWithDidYouMean() {
        assertOneError("""
                version: 1
                routes:
                  - id: r
                    match: { path: /a }
                    rateLimit:
                      - { limit: 1, per: 1s }
                """, 5, 5, "unknown key 'rateLimit' in a route; did you mean 'rateLimits'?");
    }

    @Test
    void badDuration() {
        assertOneError("""
                version: 1
                routes:
                  - id: r
                    match: { path: /a }
                    rateLimits:
                      - limit: 1
                        per: 5x
                """, 7, 14, "'5x' is not a duration; use a whole number and a unit: 500ms, 30s, 1m, 1h or 1d");
    }

    @Test
    void invalidCelPointsInsideTheExpression() {
        // 'requst' starts at column 28: 4 spaces, "allow: " and the quote take 12 columns, then 15 characters
        assertOneError("""
                version: 1
                routes:
                  - id: r
                    match: { path: /a }
                    allow: "consumer.id == requst.method"
                """, 5, 28, "invalid CEL in allow of route 'r': undeclared reference to 'requst'");
        // a syntax error at the end of a plain scalar: just past 'consumer.id ==' (column 12 + 14)
        assertOneError("""
                version: 1
                routes:
                  - id: r
                    match: { path: /a }
                    allow: consumer.id ==
                """, 5, 26, "invalid CEL in allow of route 'r'");
    }

    @Test
    void invalidCelInABlockScalar() {
        assertOneError("""
                version: 1
                routes:
                  - id: r
                    match: { path: /a }
                    allow: |
                      consumer.id == 'a' &&
                        requst.x
                """, 7, 9, "undeclared reference to 'requst'");
    }

    @Test
    void yamlSyntaxError() {
        assertOneError("""
                version: 1
                routes:
                  - id: a: b
                """, 3, 10, "YAML syntax: mapping values are not allowed here");
    }

    @Test
    void duplicateRouteId() {
        assertOneError("""
                version: 1
                routes:
                  - id: r
                    match: { path: /a }
                  - id: r
                    match: { path: /b }
                """, 5, 9, "duplicate route id 'r'; ids must be unique");
    }

    @Test
    void duplicateConsumerId() {
        assertOneError("""
                version: 1
                consumers:
                  - id: acme
                  - id: acme
                routes: []
                """, 4, 9, "duplicate consumer id 'acme'; ids must be unique");
    }

    @Test
    void sameKeyHashForTwoConsumers() {
        assertOneError("""
                version: 1
                consumers:
                  - id: acme
                    apiKeys: [{ sha256: "%s" }]
                  - id: ops
                    apiKeys:
                      - sha256: "%s"
                routes: []
                """.formatted(HASH, HASH.toUpperCase()), 7, 17,
                "this key hash is already given to consumer 'acme'; a key identifies one consumer");
    }

    @Test
    void unresolvedEnvironmentVariable() {
        assertOneError("""
                version: 1
                consumers:
                  - id: acme
                    attributes: { tenant: "${env:TENANT}", region: "eu-${env:MISSING}" }
                routes: []
                """, 4, 52, "environment variable MISSING is not set (referenced as ${env:MISSING})");
    }

    @Test
    void resolvedEnvironmentVariable() {
        LoadResult result = PolicyLoader.parse(FILE, """
                version: 1
                consumers:
                  - id: acme
                    attributes: { tenant: "${env:TENANT}", region: "eu-${env:TENANT}" }
                routes: []
                """, Map.of("TENANT", "t-1")::get);
        assertTrue(result.ok(), result.errors().toString());
        assertEquals(Map.of("tenant", "t-1", "region", "eu-t-1"), result.policy().consumers().get(0).attributes());
    }

    @Test
    void emptyFile() {
        assertOneError("", 1, 1, "the policy is empty; start with 'version: 1'");
        assertOneError("# only a comment\n\n", 1, 1, "the policy is empty");
    }

    @Test
    void allErrorsAreReportedAtOnce() {
        List<PolicyError> errors = errors("""
                version: 2
                mode: strict
                routes:
                  - id: r
                    match: { path: api }
                    rateLimits:
                      - { limit: 0, per: 5x }
                """);
        assertEquals(5, errors.size(), errors.toString());
        assertError(errors.get(0), 1, 10, "version 2 is not supported");
        assertError(errors.get(1), 2, 7, "mode must be 'enforce' or 'monitor', not 'strict'");
        assertError(errors.get(2), 5, 20, "path 'api' must start with '/'");
        assertError(errors.get(3), 7, 18, "limit must be between 1 and 1000000000, not 0");
        assertError(errors.get(4), 7, 26, "'5x' is not a duration");
    }

    @Test
    void costAboveBurstCouldNeverBeAdmitted() {
        assertOneError("""
                version: 1
                routes:
                  - id: r
                    match: { path: /a }
                    rateLimits:
                      - { limit: 10, per: 1s, burst: 3, cost: 5 }
                """, 6, 47, "cost 5 is more than the bucket holds (burst 3)");
    }

    @Test
    void limitsForNamesOneAttribute() {
        assertOneError("""
                version: 1
                routes:
                  - id: r
                    match: { path: /a }
                    limitsFor: { tier: { gold: [{ limit: 1, per: 1s }] }, plan: { x: [{ limit: 1, per: 1s }] } }
                """, 5, 16, "must name exactly one consumer attribute");
    }

    @Test
    void redisPasswordMustNotBeWrittenIntoThePolicy() {
        List<PolicyError> errors = errors("""
                version: 1
                rateLimitStore:
                  redis: { uri: "redis://default:hunter2@127.0.0.1:6379" }
                routes:
                  - { id: r, match: { path: /a } }
                """);
        assertEquals(1, errors.size(), errors.toString());
        assertError(errors.get(0), 3, 17, "take it from the environment");
        assertFalse(errors.get(0).format().contains("hunter2"), errors.get(0).format());
    }

    @Test
    void invalidCelInAFieldRuleConditionNamesTheKey() {
        List<PolicyError> errors = errors("""
                version: 1
                routes:
                  - id: r
                    match: { path: /a }
                    response:
                      fields:
                        - { select: ["$.a"], action: keep, when: "consumer.id ==" }
                """);
        assertTrue(errors.get(0).message().contains("invalid CEL in when of a field rule of route 'r'"), errors.toString());
    }

    @Test
    void keyedActionsNeedATokenizationKey() {
        assertOneError("""
                version: 1
                routes:
                  - id: r
                    match: { path: /a }
                    response:
                      fields:
                        - { select: ["$.id"], action: tokenize }
                """, 7, 39, "this action needs a tokenization key");
    }

    @Test
    void aFieldRuleNeedsSomethingToSelect() {
        assertOneError("""
                version: 1
                routes:
                  - id: r
                    match: { path: /a }
                    response:
                      fields:
                        - { action: redact }
                """, 7, 11, "needs select (JSONPath), keys (property names), detect (pan, email, ...), javaType + property, or annotations");
    }

    @Test
    void javaTypeNeedsItsProperty() {
        assertOneError("""
                version: 1
                routes:
                  - id: r
                    match: { path: /a }
                    response:
                      fields:
                        - { javaType: Customer, action: redact }
                """, 7, 23, "javaType and property go together");
    }

    @Test
    void auditSinkMustBeStdoutOrAFile() {
        assertOneError("""
                version: 1
                audit:
                  sink: syslog
                routes:
                  - id: r
                    match: { path: /a }
                """, 3, 9, "audit.sink must be 'stdout' or 'file:PATH'");
    }

    @Test
    void auditSizeNeedsAUnit() {
        assertOneError("""
                version: 1
                audit: { sink: stdout, maxSize: 100 megabytes }
                routes:
                  - id: r
                    match: { path: /a }
                """, 2, 33, "is not a size of at least 1KB");
    }

    @Test
    void auditFileIsTakenFromThePolicysDirectory() {
        LoadResult result = PolicyLoader.parse("/etc/warden/policy.yaml", """
                version: 1
                audit: { sink: "file:logs/audit.jsonl", maxSize: 10MB, keep: 3 }
                routes:
                  - id: r
                    match: { path: /a }
                """, Map.<String, String>of()::get);
        assertTrue(result.ok(), result.errors()::toString);
        var audit = result.policy().audit();
        assertEquals(java.nio.file.Path.of("/etc/warden/logs/audit.jsonl"), audit.file());
        assertEquals(10L << 20, audit.maxBytes());
        assertEquals(3, audit.keep());
    }
}
