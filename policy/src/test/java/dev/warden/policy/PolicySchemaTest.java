package dev.warden.policy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps the JSON Schema ({@code /warden-policy.schema.json}) and the policy loader ({@link PolicyLoader}) in agreement.
 *
 * <ul>
 *   <li>The schema itself is a valid draft 2020-12 schema, documented (title and description on every property) and
 *       closed (additionalProperties false on every object except consumer attributes).
 *   <li>Every example policy in the repository passes both the schema and the loader.
 *   <li>A table of invalid policies: each is rejected by both, and the schema reports the error at the expected place.
 *   <li>A table of valid variants: each is accepted by both.
 * </ul>
 *
 * <p>Out of the schema's scope, checked only by the loader (so not part of the agreement tables):
 *
 * <ul>
 *   <li>uniqueness of consumer ids, route ids and API key hashes;
 *   <li>syntax and type checking of CEL expressions ({@code allow});
 *   <li>{@code ${env:NAME}} references: NAME must be set, and the resolved value must satisfy the rules of the key it
 *       stands for (the schema accepts the reference itself in place of any string);
 *   <li>the JSONPath subset beyond "starts with {@code $}", and the path pattern syntax beyond "starts with {@code /}";
 *   <li>cross references, e.g. a method named in {@code authenticate} being configured under {@code authentication};
 *   <li>YAML-level problems: syntax errors, duplicate keys, more than one document.
 * </ul>
 */
class PolicySchemaTest {

    private static final String SCHEMA_RESOURCE = "/warden-policy.schema.json";
    private static final String SCHEMA_ID = "https://warden.dev/schema/warden-policy-v1.json";

    /** A policy file is a YAML file with a top-level {@code version:} key. */
    private static final Pattern TOP_LEVEL_VERSION = Pattern.compile("^[\"']?version[\"']?[ \\t]*:", Pattern.MULTILINE);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    /** A valid SHA-256 hex digest (of "test-key"), for cases that need an API key. */
    private static final String HASH = "62af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0ef";

    /** Another one (of "other-key"), in upper case: hex digits of either case are accepted. */
    private static final String OTHER_HASH_UPPER_CASE =
            "580843D03D2216FF1A275D0991BAD66E4D1AF871171D929E9DE604B7959F9BCA";

    private static JsonNode schemaNode;
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = PolicySchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            assertNotNull(in, SCHEMA_RESOURCE + " not found on the classpath");
            schemaNode = MAPPER.readTree(in);
        }
        schema = FACTORY.getSchema(schemaNode);
        schema.initializeValidators(); // resolves every $ref now, so a dangling one fails here
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The schema itself

    @Test
    void schemaIsAValidDraft202012Schema() {
        JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012));
        Set<ValidationMessage> errors = metaSchema.validate(schemaNode);
        assertTrue(errors.isEmpty(), () -> "the schema is not a valid draft 2020-12 schema:\n" + describe(errors));
        assertEquals(SchemaId.V202012, schemaNode.path("$schema").asText());
        assertEquals(SCHEMA_ID, schemaNode.path("$id").asText());
    }

    /** Every property is documented, and every object is closed except consumer attributes. */
    @Test
    void schemaIsDocumentedAndClosed() {
        List<String> problems = new ArrayList<>();
        checkSchemaNode(schemaNode, "#", problems);
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    private static void checkSchemaNode(JsonNode node, String pointer, List<String> problems) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkSchemaNode(node.get(i), pointer + "/" + i, problems);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if ("object".equals(node.path("type").asText())) {
            boolean freeForm = pointer.equals("#/$defs/consumer/properties/attributes");
            if (!freeForm && !node.path("additionalProperties").isBoolean()) {
                problems.add(pointer + ": object schema without \"additionalProperties\": false");
            } else if (!freeForm && node.path("additionalProperties").asBoolean()) {
                problems.add(pointer + ": object schema with \"additionalProperties\": true");
            }
        }
        if (pointer.equals("#") || pointer.matches("#/\\$defs/[^/]+")) {
            requireDocumentation(node, pointer, problems);
        }
        JsonNode properties = node.get("properties");
        if (properties != null && properties.isObject() && "object".equals(node.path("type").asText())) {
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                requireDocumentation(property.getValue(), pointer + "/properties/" + property.getKey(), problems);
            }
        }
        for (Map.Entry<String, JsonNode> child : node.properties()) {
            // "examples", "default", "const" and "enum" hold data, not schemas
            if (!Set.of("examples", "default", "const", "enum").contains(child.getKey())) {
                checkSchemaNode(child.getValue(), pointer + "/" + child.getKey(), problems);
            }
        }
    }

    private static void requireDocumentation(JsonNode node, String pointer, List<String> problems) {
        for (String keyword : List.of("title", "description")) {
            if (!node.path(keyword).isTextual() || node.path(keyword).asText().isBlank()) {
                problems.add(pointer + ": missing \"" + keyword + "\"");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Example policies in the repository

    @TestFactory
    Stream<DynamicTest> examplePoliciesPassSchemaAndLoader() throws IOException {
        Path root = repositoryRoot();
        List<Path> policies = findExamplePolicies(root);
        assertFalse(policies.isEmpty(), "no example policy (YAML file with a top-level version: key) found under "
                + root.resolve("examples") + " or " + root.resolve("test-apps/*/src/test/resources"));
        return policies.stream().map(file -> dynamicTest(root.relativize(file).toString(), () -> {
            Set<ValidationMessage> schemaErrors = validate(Files.readString(file));
            var result = PolicyLoader.load(file);
            assertAll(
                    () -> assertTrue(schemaErrors.isEmpty(),
                            () -> "schema errors in " + file + ":\n" + describe(schemaErrors)),
                    () -> assertTrue(result.ok(), () -> "loader errors in " + file + ":\n"
                            + result.errors().stream().map(e -> e.format()).collect(Collectors.joining("\n"))),
                    () -> assertTrue(!result.ok() || result.policy() != null, "ok() but policy() is null"));
        }));
    }

    /** Walks up from the working directory to the directory holding both {@code examples/} and {@code pom.xml}. */
    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return fail("no directory containing examples/ and pom.xml above " + start);
    }

    private static List<Path> findExamplePolicies(Path root) throws IOException {
        List<Path> dirs = new ArrayList<>();
        dirs.add(root.resolve("examples"));
        Path testApps = root.resolve("test-apps");
        if (Files.isDirectory(testApps)) {
            try (Stream<Path> apps = Files.list(testApps)) {
                apps.map(app -> app.resolve("src/test/resources")).filter(Files::isDirectory).sorted().forEach(dirs::add);
            }
        }
        List<Path> policies = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                    String name = file.getFileName().toString();
                    if ((name.endsWith(".yaml") || name.endsWith(".yml"))
                            && TOP_LEVEL_VERSION.matcher(Files.readString(file)).find()) {
                        policies.add(file);
                    }
                }
            }
        }
        return policies;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Invalid policies: schema and loader both reject them

    /**
     * Invalid policies. {@code at} is where the schema must report an error: the JSON path of the offending value, or
     * of the unknown / missing key ({@code $.routes[0].id} for a route without id).
     */
    static Stream<Arguments> invalidPolicies() {
        return Stream.of(
                arguments("unknown top-level key", "$.routez", """
                        version: 1
                        routez: []
                        """),
                arguments("missing version", "$.version", """
                        mode: enforce
                        """),
                arguments("version 2", "$.version", """
                        version: 2
                        """),
                arguments("version as a string", "$.version", """
                        version: "1"
                        """),
                arguments("mode strict", "$.mode", """
                        version: 1
                        mode: strict
                        """),
                arguments("unmatched maybe", "$.defaults.unmatched", """
                        version: 1
                        defaults:
                          unmatched: maybe
                        """),
                arguments("unknown key in defaults", "$.defaults.authentication", """
                        version: 1
                        defaults:
                          authentication: [apiKey]
                        """),
                arguments("authenticate [password]", "$.defaults.authenticate", """
                        version: 1
                        defaults:
                          authenticate: [password]
                        """),
                arguments("authenticate empty list", "$.defaults.authenticate", """
                        version: 1
                        defaults:
                          authenticate: []
                        """),
                arguments("authenticate anonymous spelled as a word other than none", "$.routes[0].authenticate", """
                        version: 1
                        routes:
                          - id: health
                            match: { path: /health }
                            authenticate: anonymous
                        """),
                arguments("unknown key in authentication.apiKey", "$.authentication.apiKey.name", """
                        version: 1
                        authentication:
                          apiKey: { name: X-API-Key }
                        """),
                arguments("sha256 not hex", "$.consumers[0].apiKeys[0].sha256", """
                        version: 1
                        consumers:
                          - id: acme
                            apiKeys:
                              - sha256: "zz2af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0e"
                        """),
                arguments("sha256 of 63 characters", "$.consumers[0].apiKeys[0].sha256", """
                        version: 1
                        consumers:
                          - id: acme
                            apiKeys:
                              - sha256: "%s"
                        """.formatted(HASH.substring(1))),
                arguments("plaintext api key", "$.consumers[0].apiKeys[0].key", """
                        version: 1
                        consumers:
                          - id: acme
                            apiKeys:
                              - key: test-key
                        """),
                arguments("missing consumer id", "$.consumers[0].id", """
                        version: 1
                        consumers:
                          - apiKeys:
                              - sha256: "%s"
                        """.formatted(HASH)),
                arguments("attributes not a map", "$.consumers[0].attributes", """
                        version: 1
                        consumers:
                          - id: acme
                            attributes: [reader]
                        """),
                arguments("routes is a map", "$.routes", """
                        version: 1
                        routes:
                          health:
                            match: { path: /health }
                        """),
                arguments("unknown key in route", "$.routes[0].methods", """
                        version: 1
                        routes:
                          - id: health
                            match: { path: /health }
                            methods: [GET]
                        """),
                arguments("missing route id", "$.routes[0].id", """
                        version: 1
                        routes:
                          - match: { path: /health }
                        """),
                arguments("missing match", "$.routes[0].match", """
                        version: 1
                        routes:
                          - id: health
                        """),
                arguments("unknown key in match", "$.routes[0].match.method", """
                        version: 1
                        routes:
                          - id: health
                            match: { path: /health, method: GET }
                        """),
                arguments("missing match.path", "$.routes[0].match.path", """
                        version: 1
                        routes:
                          - id: health
                            match: { methods: [GET] }
                        """),
                arguments("path not starting with /", "$.routes[0].match.path", """
                        version: 1
                        routes:
                          - id: health
                            match: { path: health }
                        """),
                arguments("lower-case method", "$.routes[0].match.methods[0]", """
                        version: 1
                        routes:
                          - id: health
                            match: { path: /health, methods: [get] }
                        """),
                arguments("limit \"ten\"", "$.routes[0].rateLimits[0].limit", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            rateLimits:
                              - { by: consumer, limit: ten, per: 1m }
                        """),
                arguments("limit 0", "$.routes[0].rateLimits[0].limit", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            rateLimits:
                              - { by: consumer, limit: 0, per: 1m }
                        """),
                arguments("per 5x", "$.routes[0].rateLimits[0].per", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            rateLimits:
                              - { by: consumer, limit: 100, per: 5x }
                        """),
                arguments("by user", "$.routes[0].rateLimits[0].by", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            rateLimits:
                              - { by: user, limit: 100, per: 1m }
                        """),
                arguments("by header: without a name", "$.routes[0].rateLimits[0].by", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            rateLimits:
                              - { by: "header:", limit: 100, per: 1m }
                        """),
                arguments("unknown key in rate limit", "$.routes[0].rateLimits[0].burst", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            rateLimits:
                              - { by: consumer, limit: 100, per: 1m, burst: 10 }
                        """),
                arguments("action hide", "$.routes[0].response.fields[0].action", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              fields:
                                - { select: ["$..ssn"], action: hide }
                        """),
                arguments("select not starting with $", "$.routes[0].response.fields[0].select[0]", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              fields:
                                - { select: ["..ssn"], action: remove }
                        """),
                arguments("select empty", "$.routes[0].response.fields[0].select", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              fields:
                                - { select: [], action: remove }
                        """),
                arguments("negative keepLast", "$.routes[0].response.fields[0].keepLast", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              fields:
                                - { select: ["$..card.number"], action: mask, keepLast: -1 }
                        """),
                // keepFirst/keepLast only with mask, with only with redact: expressed in the schema by if/then
                arguments("keepLast with remove", "$.routes[0].response.fields[0].keepLast", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              fields:
                                - { select: ["$..card.number"], action: remove, keepLast: 4 }
                        """),
                arguments("with on mask", "$.routes[0].response.fields[0].with", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              fields:
                                - { select: ["$..email"], action: mask, with: "***" }
                        """),
                arguments("unknown key in response", "$.routes[0].response.body", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              body: []
                        """),
                arguments("allow not a string", "$.routes[0].allow", """
                        version: 1
                        routes:
                          - id: admin
                            match: { path: "/api/admin/**" }
                            allow: true
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPolicies")
    void invalidPolicyIsRejectedBySchemaAndLoader(String name, String at, String yaml) {
        Set<ValidationMessage> schemaErrors = validate(yaml);
        assertFalse(schemaErrors.isEmpty(), "the schema accepts the invalid policy:\n" + yaml);
        assertTrue(schemaErrors.stream().anyMatch(error -> reportedAt(error, at)),
                () -> "the schema rejects the policy, but reports no error at " + at + ":\n" + describe(schemaErrors));

        String fileName = fileName(name);
        var result = PolicyLoader.parse(fileName, yaml);
        assertFalse(result.ok(), "the loader accepts the invalid policy:\n" + yaml);
        assertFalse(result.errors().isEmpty(), "the loader returns ok() == false but no errors");
        Pattern format = Pattern.compile(Pattern.quote(fileName) + ":\\d+:\\d+: \\S.*", Pattern.DOTALL);
        result.errors().forEach(error -> assertTrue(format.matcher(error.format()).matches(),
                () -> "loader error not in FILE:LINE:COL: message form: " + error.format()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Valid variants: schema and loader both accept them

    static Stream<Arguments> validPolicies() {
        return Stream.of(
                arguments("version only", """
                        version: 1
                        """),
                arguments("monitor mode", """
                        version: 1
                        mode: monitor
                        """),
                arguments("anonymous by default, unmatched allowed", """
                        version: 1
                        defaults:
                          authenticate: none
                          unmatched: allow
                        """),
                arguments("route with authenticate: none", """
                        version: 1
                        authentication:
                          apiKey: { header: X-API-Key }
                        defaults:
                          authenticate: [apiKey]
                          unmatched: deny
                        routes:
                          - id: health
                            match: { path: /health, methods: [GET, HEAD] }
                            authenticate: none
                        """),
                arguments("header-keyed limit, every duration unit", """
                        version: 1
                        routes:
                          - id: tenants
                            match: { path: "/api/**" }
                            rateLimits:
                              - { by: "header:X-Tenant", limit: 10, per: 500ms }
                              - { by: ip, limit: 100, per: 1s }
                              - { by: route, limit: 1000, per: 1m }
                              - { by: route, limit: 5000, per: 1h }
                              - { by: "header:X-Tenant", limit: 100000, per: 1d }
                        """),
                arguments("redact with a replacement", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              fields:
                                - { select: ["$..email"], action: redact, with: "[hidden]" }
                        """),
                arguments("mask with keepFirst, and with both", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              fields:
                                - { select: ["$..iban"], action: mask, keepFirst: 4 }
                                - { select: ["$..card.number", "$..phone"], action: mask, keepFirst: 0, keepLast: 4 }
                        """),
                arguments("consumer attributes of every kind", """
                        version: 1
                        consumers:
                          - id: acme
                            apiKeys:
                              - sha256: "%s"
                              - sha256: "%s"
                            attributes:
                              roles: [reader, admin]
                              tier: partner
                              quota: 12.5
                              trusted: true
                              contact: { name: Ops, phones: ["+1 555 0100"] }
                              notes: null
                          - id: bare
                        """.formatted(HASH, OTHER_HASH_UPPER_CASE)),
                arguments("the format's reference example", """
                        version: 1
                        mode: enforce
                        consumers:
                          - id: acme
                            apiKeys:
                              - sha256: "%s"
                            attributes: { roles: [reader], tier: partner }
                        authentication:
                          apiKey: { header: X-API-Key }
                        defaults:
                          authenticate: [apiKey]
                          unmatched: deny
                        routes:
                          - id: health
                            match: { path: /health, methods: [GET] }
                            authenticate: none
                          - id: customers
                            match: { path: "/api/customers/**" }
                            rateLimits:
                              - { by: consumer, limit: 100, per: 1m }
                            response:
                              fields:
                                - { select: ["$..ssn"], action: remove }
                                - { select: ["$..card.number"], action: mask, keepLast: 4 }
                                - { select: ["$..email"], action: redact }
                          - id: admin
                            match: { path: "/api/admin/**" }
                            allow: "'admin' in consumer.attributes.roles"
                        """.formatted(HASH)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPolicies")
    void validPolicyIsAcceptedBySchemaAndLoader(String name, String yaml) {
        Set<ValidationMessage> schemaErrors = validate(yaml);
        assertTrue(schemaErrors.isEmpty(), () -> "the schema rejects the valid policy:\n" + describe(schemaErrors));

        var result = PolicyLoader.parse(fileName(name), yaml);
        assertTrue(result.ok(), () -> "the loader rejects the valid policy:\n"
                + result.errors().stream().map(e -> e.format()).collect(Collectors.joining("\n")));
        assertNotNull(result.policy(), "ok() but policy() is null");
    }

    /**
     * Schema only: {@code ${env:NAME}} is accepted wherever the format takes a string, since the loader resolves it
     * before validating. (The loader is left out: it would need the variables to be set.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("envReferences")
    void schemaAcceptsEnvReferenceInPlaceOfAString(String name, String yaml) {
        Set<ValidationMessage> schemaErrors = validate(yaml);
        assertTrue(schemaErrors.isEmpty(), () -> describe(schemaErrors));
    }

    static Stream<Arguments> envReferences() {
        return Stream.of(
                arguments("mode", """
                        version: 1
                        mode: ${env:WARDEN_MODE}
                        """),
                arguments("sha256", """
                        version: 1
                        consumers:
                          - id: acme
                            apiKeys:
                              - sha256: ${env:ACME_KEY_SHA256}
                        """),
                arguments("header, authenticate, unmatched", """
                        version: 1
                        authentication:
                          apiKey: { header: "${env:KEY_HEADER}" }
                        defaults:
                          authenticate: ${env:DEFAULT_AUTH}
                          unmatched: ${env:UNMATCHED}
                        """),
                arguments("path, by, per", """
                        version: 1
                        routes:
                          - id: api
                            match: { path: "${env:API_PATH}" }
                            rateLimits:
                              - { by: "${env:LIMIT_BY}", limit: 10, per: "${env:LIMIT_PERIOD}" }
                        """));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    /** Parses YAML the way the loader does (SnakeYAML), then validates the resulting tree against the schema. */
    private static Set<ValidationMessage> validate(String yaml) {
        Object document = new Yaml().load(yaml);
        JsonNode tree = document == null ? NullNode.getInstance() : MAPPER.valueToTree(document);
        return schema.validate(tree);
    }

    /** Whether the error is at {@code at} or below it, or names {@code at} as its missing / unknown property. */
    private static boolean reportedAt(ValidationMessage error, String at) {
        String location = error.getInstanceLocation().toString();
        String property = error.getProperty();
        return location.equals(at)
                || location.startsWith(at + ".")
                || location.startsWith(at + "[")
                || (property != null && (location + "." + property).equals(at));
    }

    private static String describe(Collection<ValidationMessage> errors) {
        return errors.stream()
                .map(e -> "  " + e.getMessage() + "   [" + e.getType() + " at " + e.getEvaluationPath() + "]")
                .collect(Collectors.joining("\n"));
    }

    private static String fileName(String caseName) {
        return caseName.replaceAll("[^A-Za-z0-9]+", "-") + ".yaml";
    }
}
