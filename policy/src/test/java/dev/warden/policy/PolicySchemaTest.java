package dev.warden.policy;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 *   <li>The schema itself is a valid draft 2020-12 schema, documented (title and description on every property and
 *       every {@code $defs} entry) and closed ({@code additionalProperties: false} on every object except consumer
 *       {@code attributes}).
 *   <li>Every example policy in the repository passes both the schema and the loader.
 *   <li>A table of invalid policies: each is rejected by both, for the same reason: the schema reports an error at
 *       the expected JSON path and the loader reports one on the line marked {@code # <-}.
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
 *   <li>the JSONPath subset beyond "starts with {@code $}", and the path pattern syntax beyond "starts with {@code /}"
 *       (empty segments, {@code **} inside a segment, {@code {name}} syntax);
 *   <li>header names being valid HTTP tokens ({@code authentication.apiKey.header});
 *   <li>the syntax of an IPv6 address in {@code admin.listen} beyond its characters ({@code [::1]:9464});
 *   <li>durations: a zero {@code per}, more than 12 digits;
 *   <li>number forms: {@code 1.0} where a whole number is expected (an integer for JSON Schema), YAML 1.1 forms
 *       such as {@code 0x10};
 *   <li>cross references: a method named in {@code authenticate} must be configured under {@code authentication};
 *   <li>YAML-level problems: syntax errors, duplicate keys, non-string keys, aliases, size limits.
 * </ul>
 */
class PolicySchemaTest {

    private static final String SCHEMA_RESOURCE = "/warden-policy.schema.json";
    private static final String SCHEMA_ID = "https://warden.dev/schema/warden-policy-v1.json";

    /** A policy file is a YAML file with a top-level {@code version:} key. */
    private static final Pattern TOP_LEVEL_VERSION = Pattern.compile("^[\"']?version[\"']?[ \\t]*:", Pattern.MULTILINE);

    /**
     * Placeholders of the integration-test policy templates (rendered by {@code dev.warden.it.PolicyFiles}):
     * {@code {{sha256:NAME}}} and {@code {{var:NAME}}}.
     */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9]+):([A-Za-z0-9_.-]+)}}");

    /** Values for {@code {{var:NAME}}} when rendering templates here. */
    private static final Map<String, String> TEMPLATE_VARS = Map.ofEntries(
            Map.entry("mode", "enforce"),
            Map.entry("redis", "redis://127.0.0.1:6379"),
            Map.entry("onFailure", "local"),
            Map.entry("jwks", "http://127.0.0.1:1/jwks.json"),
            Map.entry("endpoint", "http://127.0.0.1:1/introspect"),
            Map.entry("jwksCacheTtl", "5m"),
            Map.entry("jwksTimeout", "2s"),
            Map.entry("jwksRefetchMinInterval", "30s"),
            Map.entry("debugAuthenticate", "none"),
            Map.entry("svcCSha256", "0".repeat(64)),
            Map.entry("auditFile", "/var/log/warden/audit.jsonl"),
            Map.entry("queue", "100"),
            Map.entry("adminPort", "9464"),
            Map.entry("inventoryFile", "/var/lib/warden/inventory.json"),
            Map.entry("inventoryHtml", "/var/lib/warden/inventory.html"));

    /** Marks, in an invalid policy of the table, the line on which the loader must report an error. */
    private static final String ERROR_LINE_MARKER = "# <-";

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
        JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012)); // bundled with the validator
        Set<ValidationMessage> errors = metaSchema.validate(schemaNode);
        assertTrue(errors.isEmpty(), () -> "the schema is not a valid draft 2020-12 schema:\n" + describe(errors));
        assertEquals(SchemaId.V202012, schemaNode.path("$schema").asText());
        assertEquals(SCHEMA_ID, schemaNode.path("$id").asText());
    }

    /** Every property and definition is documented, and every object is closed except consumer attributes. */
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
        boolean objectSchema = "object".equals(node.path("type").asText());
        // Open maps on purpose: consumer attributes (free-form), claim mappings (attribute name -> claim path) and
        // limitsFor (attribute -> value -> limits; its property names are checked by propertyNames instead).
        if (objectSchema && !pointer.equals("#/$defs/consumer/properties/attributes") && !pointer.endsWith("/attributes")
                && !pointer.startsWith("#/$defs/limitsFor")) {
            JsonNode additional = node.path("additionalProperties");
            if (!additional.isBoolean() || additional.asBoolean()) {
                problems.add(pointer + ": object schema without \"additionalProperties\": false");
            }
        }
        if (pointer.equals("#") || pointer.matches("#/\\$defs/[^/]+")) {
            requireDocumentation(node, pointer, problems);
        }
        JsonNode properties = node.get("properties");
        if (objectSchema && properties != null && properties.isObject()) {
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

    /**
     * Every YAML file with a top-level {@code version:} key under {@code examples/} and
     * {@code test-apps/*}{@code /src/test/resources/} passes both the schema and the loader. Two exceptions, for the
     * integration-test fixtures:
     *
     * <ul>
     *   <li>templates (containing {@code {{sha256:NAME}}} or {@code {{var:NAME}}} placeholders) are rendered first,
     *       the way {@code dev.warden.it.PolicyFiles} does, with fixed values;
     *   <li>files named {@code bad-*} are invalid on purpose: the loader must reject them. The schema is not consulted
     *       for them, because some are invalid only in ways the schema cannot see (CEL syntax, for one).
     * </ul>
     */
    @TestFactory
    Stream<DynamicTest> examplePoliciesPassSchemaAndLoader() throws IOException {
        Path root = repositoryRoot();
        List<Path> policies = findExamplePolicies(root);
        assertFalse(policies.isEmpty(), "no example policy (YAML file with a top-level version: key) found under "
                + root.resolve("examples") + " or " + root.resolve("test-apps/*/src/test/resources"));
        return policies.stream().map(file -> {
            boolean invalidOnPurpose = file.getFileName().toString().startsWith("bad-");
            String displayName = root.relativize(file) + (invalidOnPurpose ? " (invalid on purpose)" : "");
            return dynamicTest(displayName, () -> checkExamplePolicy(file, invalidOnPurpose));
        });
    }

    private static void checkExamplePolicy(Path file, boolean invalidOnPurpose) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        boolean template = PLACEHOLDER.matcher(text).find();
        String rendered = template ? render(text, file) : text;
        // Secrets come from ${env:...} in real policies; here any referenced variable has a 40-character value.
        java.util.function.Function<String, String> env = name -> "example-value-of-" + name + "-0123456789abcdef";
        var result = template ? PolicyLoader.parse(file.toString(), rendered, env) : PolicyLoader.load(file, env);

        if (invalidOnPurpose) {
            assertFalse(result.ok(), () -> file + " is named bad-* (invalid on purpose) but the loader accepts it");
            return;
        }
        Set<ValidationMessage> schemaErrors = validate(rendered);
        String loaderErrors = result.errors().stream().map(e -> e.format()).collect(Collectors.joining("\n"));
        assertTrue(schemaErrors.isEmpty() && result.ok(), () -> file + (template ? " (rendered)" : "") + "\n"
                + "schema errors:\n" + (schemaErrors.isEmpty() ? "  none" : describe(schemaErrors)) + "\n"
                + "loader errors:\n" + (result.ok() ? "  none" : loaderErrors));
        assertNotNull(result.policy(), "ok() but policy() is null");
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
                            && TOP_LEVEL_VERSION.matcher(Files.readString(file, StandardCharsets.UTF_8)).find()) {
                        policies.add(file);
                    }
                }
            }
        }
        return policies;
    }

    /** Renders a policy template: {@code {{sha256:NAME}}} becomes the SHA-256 of NAME, {@code {{var:NAME}}} a value. */
    private static String render(String template, Path file) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "sha256" -> sha256Hex(m.group(2));
                case "var" -> TEMPLATE_VARS.get(m.group(2));
                default -> null;
            };
            if (value == null) {
                fail(file + ": no value for placeholder " + m.group() + "; add one in PolicySchemaTest.render / TEMPLATE_VARS");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Invalid policies: schema and loader both reject them, for the same reason

    /**
     * Invalid policies, each with exactly one mistake. {@code at} is where the schema must report an error: the JSON
     * path of the offending value, or of the unknown / missing key ({@code $.routes[0].id} for a route without id).
     * The line marked {@code # <-} is where the loader must report one: the offending key or value, or, for a missing
     * key, the first line of the mapping that lacks it.
     */
    static Stream<Arguments> invalidPolicies() {
        return Stream.of(
                arguments("unknown top-level key", "$.routez", """
                        version: 1
                        routes: []
                        routez: []  # <-
                        """),
                arguments("missing version", "$.version", """
                        mode: enforce  # <-
                        routes: []
                        """),
                arguments("missing routes", "$.routes", """
                        version: 1  # <-
                        mode: enforce
                        """),
                arguments("version 2", "$.version", """
                        version: 2  # <-
                        routes: []
                        """),
                arguments("version as a string", "$.version", """
                        version: "1"  # <-
                        routes: []
                        """),
                arguments("mode strict", "$.mode", """
                        version: 1
                        mode: strict  # <-
                        routes: []
                        """),
                arguments("route mode strict", "$.routes[0].mode", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: /customers }
                            mode: strict  # <-
                        """),
                arguments("unmatched maybe", "$.defaults.unmatched", """
                        version: 1
                        defaults:
                          unmatched: maybe  # <-
                        routes: []
                        """),
                arguments("unknown key in defaults", "$.defaults.authentication", """
                        version: 1
                        defaults:
                          authentication: [apiKey]  # <-
                        routes: []
                        """),
                arguments("authenticate [password]", "$.defaults.authenticate", """
                        version: 1
                        authentication:
                          apiKey: { header: X-API-Key }
                        defaults:
                          authenticate: [password]  # <-
                        routes: []
                        """),
                arguments("authenticate empty list", "$.defaults.authenticate", """
                        version: 1
                        defaults:
                          authenticate: []  # <-
                        routes: []
                        """),
                arguments("authenticate: anonymous instead of none", "$.routes[0].authenticate", """
                        version: 1
                        routes:
                          - id: health
                            match: { path: /health }
                            authenticate: anonymous  # <-
                        """),
                arguments("unknown key in authentication.apiKey", "$.authentication.apiKey.name", """
                        version: 1
                        authentication:
                          apiKey: { name: X-API-Key }  # <-
                        routes: []
                        """),
                arguments("sha256 not hex", "$.consumers[0].apiKeys[0].sha256", """
                        version: 1
                        consumers:
                          - id: acme
                            apiKeys:
                              - sha256: "zz2af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0e"  # <-
                        routes: []
                        """),
                arguments("sha256 of 63 characters", "$.consumers[0].apiKeys[0].sha256", """
                        version: 1
                        consumers:
                          - id: acme
                            apiKeys:
                              - sha256: "%s"  # <-
                        routes: []
                        """.formatted(HASH.substring(1))),
                arguments("plaintext api key", "$.consumers[0].apiKeys[0].key", """
                        version: 1
                        consumers:
                          - id: acme
                            apiKeys:
                              - key: test-key  # <-
                        routes: []
                        """),
                arguments("missing consumer id", "$.consumers[0].id", """
                        version: 1
                        consumers:
                          - apiKeys: [{ sha256: "%s" }]  # <-
                            attributes: { tier: partner }
                        routes: []
                        """.formatted(HASH)),
                arguments("attributes not a map", "$.consumers[0].attributes", """
                        version: 1
                        consumers:
                          - id: acme
                            attributes: [reader]  # <-
                        routes: []
                        """),
                arguments("routes is a map", "$.routes", """
                        version: 1
                        routes: { health: { match: { path: /health } } }  # <-
                        """),
                arguments("unknown key in route", "$.routes[0].methods", """
                        version: 1
                        routes:
                          - id: health
                            match: { path: /health }
                            methods: [GET]  # <-
                        """),
                arguments("missing route id", "$.routes[0].id", """
                        version: 1
                        routes:
                          - match: { path: /health }  # <-
                            authenticate: none
                        """),
                arguments("route id with a space", "$.routes[0].id", """
                        version: 1
                        routes:
                          - id: customer list  # <-
                            match: { path: /customers }
                        """),
                arguments("missing match", "$.routes[0].match", """
                        version: 1
                        routes:
                          - id: health  # <-
                            authenticate: none
                        """),
                arguments("unknown key in match", "$.routes[0].match.method", """
                        version: 1
                        routes:
                          - id: health
                            match: { path: /health, method: GET }  # <-
                        """),
                arguments("missing match.path", "$.routes[0].match.path", """
                        version: 1
                        routes:
                          - id: health
                            match: { methods: [GET] }  # <-
                        """),
                arguments("path not starting with /", "$.routes[0].match.path", """
                        version: 1
                        routes:
                          - id: health
                            match: { path: health }  # <-
                        """),
                arguments("lower-case method", "$.routes[0].match.methods[0]", """
                        version: 1
                        routes:
                          - id: health
                            match: { path: /health, methods: [get] }  # <-
                        """),
                arguments("limit \"ten\"", "$.routes[0].rateLimits[0].limit", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            rateLimits:
                              - { by: ip, limit: ten, per: 1m }  # <-
                        """),
                arguments("limit 0", "$.routes[0].rateLimits[0].limit", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            rateLimits:
                              - { by: ip, limit: 0, per: 1m }  # <-
                        """),
                arguments("per 5x", "$.routes[0].rateLimits[0].per", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            rateLimits:
                              - { by: ip, limit: 100, per: 5x }  # <-
                        """),
                arguments("missing per", "$.routes[0].rateLimits[0].per", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            rateLimits:
                              - { by: ip, limit: 100 }  # <-
                        """),
                arguments("by user", "$.routes[0].rateLimits[0].by", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            rateLimits:
                              - { by: user, limit: 100, per: 1m }  # <-
                        """),
                arguments("by header: without a name", "$.routes[0].rateLimits[0].by", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            rateLimits:
                              - { by: "header:", limit: 100, per: 1m }  # <-
                        """),
                arguments("unknown key in rate limit", "$.routes[0].rateLimits[0].bucket", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            rateLimits:
                              - { by: ip, limit: 100, per: 1m, bucket: 10 }  # <-
                        """),
                arguments("by claim: without a path", "$.routes[0].rateLimits[0].by", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            rateLimits:
                              - { by: [consumer, "claim:"], limit: 100, per: 1m }  # <-
                        """),
                arguments("maxConcurrent 0", "$.routes[0].maxConcurrent", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            maxConcurrent: 0  # <-
                        """),
                arguments("trusted proxy that is a host name", "$.clientIp.trustedProxies[0]", """
                        version: 1
                        clientIp:
                          trustedProxies: [proxy.internal]  # <-
                        routes:
                          - { id: r, match: { path: /r } }
                        """),
                arguments("rate-limit store that is not Redis", "$.rateLimitStore.redis.uri", """
                        version: 1
                        rateLimitStore:
                          redis: { uri: "http://127.0.0.1:6379" }  # <-
                        routes:
                          - { id: r, match: { path: /r } }
                        """),
                arguments("onExhausted throttle", "$.dataBudget.onExhausted", """
                        version: 1
                        dataBudget: { maxValues: 5, per: 1h, onExhausted: throttle }  # <-
                        routes:
                          - { id: r, match: { path: /r } }
                        """),
                arguments("detector that does not exist", "$.routes[0].response.fields[0].detect[0]", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              fields:
                                - { detect: [creditcard], action: redact }  # <-
                        """),
                arguments("tokenization secret written into the policy", "$.tokenization.keys[0].secret", """
                        version: 1
                        tokenization:
                          keys:
                            - { id: k1, secret: "0123456789abcdef0123456789abcdef" }  # <-
                        routes:
                          - { id: r, match: { path: /r } }
                        """),
                arguments("luhn with mask", "$.routes[0].response.fields[0].luhn", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              fields:
                                - { select: ["$..card.number"], action: mask, luhn: true }  # <-
                        """),
                arguments("action hide", "$.routes[0].response.fields[0].action", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              fields:
                                - { select: ["$..ssn"], action: hide }  # <-
                        """),
                arguments("select not starting with $", "$.routes[0].response.fields[0].select[0]", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              fields:
                                - { select: ["..ssn"], action: remove }  # <-
                        """),
                arguments("select empty", "$.routes[0].response.fields[0].select", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              fields:
                                - { select: [], action: remove }  # <-
                        """),
                arguments("negative keepLast", "$.routes[0].response.fields[0].keepLast", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              fields:
                                - { select: ["$..card.number"], action: mask, keepLast: -1 }  # <-
                        """),
                // keepFirst/keepLast only with mask, with only with redact: if/then in the schema
                arguments("keepLast with remove", "$.routes[0].response.fields[0].keepLast", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              fields:
                                - { select: ["$..card.number"], action: remove, keepLast: 4 }  # <-
                        """),
                arguments("with on mask", "$.routes[0].response.fields[0].with", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              fields:
                                - { select: ["$..email"], action: mask, with: "***" }  # <-
                        """),
                arguments("unknown key in response", "$.routes[0].response.body", """
                        version: 1
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              body: []  # <-
                        """),
                arguments("allow not a string", "$.routes[0].allow", """
                        version: 1
                        routes:
                          - id: admin
                            match: { path: "/api/admin/**" }
                            allow: true  # <-
                        """),
                arguments("admin listener on a host name", "$.admin.listen", """
                        version: 1
                        admin:
                          listen: "metrics.internal:9464"  # <-
                        routes: []
                        """),
                arguments("admin listener without a port", "$.admin.listen", """
                        version: 1
                        admin:
                          listen: "127.0.0.1"  # <-
                        routes: []
                        """),
                arguments("admin listener on port 65536", "$.admin.listen", """
                        version: 1
                        admin:
                          listen: "0.0.0.0:65536"  # <-
                        routes: []
                        """),
                arguments("admin listener on IPv6 without brackets", "$.admin.listen", """
                        version: 1
                        admin:
                          listen: "::1:9464"  # <-
                        routes: []
                        """),
                arguments("admin listener port as a number", "$.admin.listen", """
                        version: 1
                        admin:
                          listen: 9464  # <-
                        routes: []
                        """),
                arguments("unknown key in admin", "$.admin.port", """
                        version: 1
                        admin:
                          port: 9464  # <-
                        routes: []
                        """),
                arguments("inventory samples out of range", "$.inventory.samples", """
                        version: 1
                        inventory:
                          samples: 101  # <-
                        routes: []
                        """),
                arguments("inventory interval not a duration", "$.inventory.every", """
                        version: 1
                        inventory:
                          every: 1 minute  # <-
                        routes: []
                        """),
                arguments("unknown key in inventory", "$.inventory.path", """
                        version: 1
                        inventory:
                          path: inventory.json  # <-
                        routes: []
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPolicies")
    void invalidPolicyIsRejectedBySchemaAndLoader(String name, String at, String yaml) {
        int errorLine = markedLine(yaml);

        Set<ValidationMessage> schemaErrors = validate(yaml);
        assertFalse(schemaErrors.isEmpty(), "the schema accepts the invalid policy:\n" + yaml);
        assertTrue(schemaErrors.stream().anyMatch(error -> reportedAt(error, at)),
                () -> "the schema rejects the policy, but reports no error at " + at + ":\n" + describe(schemaErrors));

        String fileName = fileName(name);
        var result = PolicyLoader.parse(fileName, yaml);
        assertFalse(result.ok(), "the loader accepts the invalid policy:\n" + yaml);
        List<String> formatted = result.errors().stream().map(e -> e.format()).collect(Collectors.toList());
        assertFalse(formatted.isEmpty(), "the loader returns ok() == false but no errors");
        Pattern form = Pattern.compile(Pattern.quote(fileName) + ":(\\d+):\\d+: \\S.*", Pattern.DOTALL);
        for (String error : formatted) {
            assertTrue(form.matcher(error).matches(), () -> "loader error not in FILE:LINE:COL: message form: " + error);
        }
        assertTrue(formatted.stream().map(form::matcher).anyMatch(m -> m.matches() && Integer.parseInt(m.group(1)) == errorLine),
                () -> "the loader rejects the policy, but reports no error on line " + errorLine + ":\n"
                        + String.join("\n", formatted) + "\n" + numbered(yaml));
    }

    /** The 1-based number of the only line carrying {@link #ERROR_LINE_MARKER}. */
    private static int markedLine(String yaml) {
        List<String> lines = yaml.lines().collect(Collectors.toList());
        int[] marked = IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains(ERROR_LINE_MARKER)).toArray();
        assertEquals(1, marked.length, () -> "mark exactly one line with " + ERROR_LINE_MARKER + ":\n" + yaml);
        return marked[0] + 1;
    }

    private static String numbered(String yaml) {
        List<String> lines = yaml.lines().collect(Collectors.toList());
        return IntStream.range(0, lines.size())
                .mapToObj(i -> String.format("%3d| %s", i + 1, lines.get(i)))
                .collect(Collectors.joining("\n"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Valid variants: schema and loader both accept them

    static Stream<Arguments> validPolicies() {
        return Stream.of(
                arguments("minimal: version and no routes", """
                        version: 1
                        routes: []
                        """),
                arguments("monitor mode", """
                        version: 1
                        mode: monitor
                        routes: []
                        """),
                arguments("route modes overriding the policy's", """
                        version: 1
                        mode: enforce
                        routes:
                          - id: new-route
                            match: { path: "/api/v2/**" }
                            authenticate: none
                            mode: monitor
                          - id: old-route
                            match: { path: "/api/v1/**" }
                            authenticate: none
                            mode: enforce
                        """),
                arguments("anonymous by default, unmatched allowed", """
                        version: 1
                        defaults:
                          authenticate: none
                          unmatched: allow
                        routes: []
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
                arguments("api key header left to its default", """
                        version: 1
                        authentication:
                          apiKey: {}
                        routes:
                          - id: api
                            match: { path: "/api/**" }
                            authenticate: [apiKey]
                        """),
                arguments("header-keyed limit, every duration unit, by omitted", """
                        version: 1
                        routes:
                          - id: tenants
                            match: { path: "/api/{tenant}/**" }
                            rateLimits:
                              - { by: "header:X-Tenant", limit: 10, per: 500ms }
                              - { by: ip, limit: 100, per: 1s }
                              - { by: route, limit: 1000, per: 1m }
                              - { by: route, limit: 5000, per: 1h }
                              - { limit: 100000, per: 1d }
                        """),
                arguments("every throttling key: policy-wide limits, tiers, caps, budgets, client address, store", """
                        version: 1
                        rateLimits:
                          - { by: ip, limit: 1000, per: 1m, burst: 2000 }
                        clientIp: { trustedProxies: ["10.0.0.0/8", "192.168.1.7", "::1/128"] }
                        legacyHeaders: true
                        dataBudget: { maxValues: 1000, per: 1h }
                        rateLimitStore:
                          redis: { uri: "redis://127.0.0.1:6379", timeout: 50ms }
                          onFailure: local
                          instances: 2
                        routes:
                          - id: tenants
                            match: { path: "/api/{tenant}/**" }
                            rateLimits:
                              - { by: [consumer, ip], limit: 10, per: 1s }
                              - { by: "claim:org.id", limit: 100, per: 1h, cost: 2 }
                              - { by: ["param:tenant", "header:X-Region"], limit: 5, per: 1s }
                            limitsFor:
                              tier:
                                gold: [{ limit: 100, per: 1s }]
                                free: [{ limit: 5, per: 1s }, { limit: 100, per: 1d }]
                            maxConcurrent: { limit: 4, by: ip }
                            dataBudget: { by: consumer, maxValues: 5, per: 1m, onExhausted: deny }
                          - id: export
                            match: { path: "/api/export" }
                            maxConcurrent: 2
                            response:
                              fields:
                                - { select: ["$..card.number"], action: keep, when: "'billing' in consumer.attributes.roles" }
                                - { select: ["$..card.number"], action: mask, keepLast: 4, unless: "consumer.id == 'x'" }
                        """),
                arguments("data protection: keys, detectors, keyed actions, allowFields, tokenization keys", """
                        version: 1
                        tokenization:
                          keys:
                            - { id: "2026-11", secret: "${env:WARDEN_TOKEN_KEY}" }
                            - { id: "2026-05", secret: "${env:WARDEN_OLD_TOKEN_KEY}" }
                        routes:
                          - id: customers
                            match: { path: "/api/customers/**" }
                            response:
                              allowFields: ["$..id", "$..name", "$..notes", "$..card", "$..email", "$..iban"]
                              fields:
                                - { keys: ["*password*", "card*"], detect: [pan], action: mask, keepLast: 4 }
                                - { detect: [pan, ssn, email, iban, phone, jwt, secret], action: redact, with: "[x]" }
                                - { select: ["$..email"], action: keepDomain, keepFirst: 2 }
                                - { select: ["$..id"], action: tokenize }
                                - { select: ["$..name"], action: hash }
                                - { select: ["$..iban"], action: fpe, luhn: false }
                                - { select: ["$..card.number"], action: fpe, luhn: true }
                                - { javaType: Customer, property: phone, action: hash }
                                - { annotations: [Sensitive, PII], action: redact }
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
                        routes: []
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
                        """.formatted(HASH)),
                arguments("admin listener left to its default", """
                        version: 1
                        admin: {}
                        routes: []
                        """),
                arguments("admin listener on IPv6 loopback", """
                        version: 1
                        admin: { listen: "[::1]:9464" }
                        routes: []
                        """),
                arguments("admin listener on a port alone", """
                        version: 1
                        admin: { listen: ":9464" }
                        routes: []
                        """),
                arguments("admin listener on localhost", """
                        version: 1
                        admin: { listen: "localhost:19464" }
                        routes: []
                        """),
                arguments("admin listener on every interface, written out", """
                        version: 1
                        admin: { listen: "0.0.0.0:9464" }
                        routes: []
                        """),
                arguments("inventory in memory only", """
                        version: 1
                        inventory: {}
                        routes: []
                        """),
                arguments("inventory written to files", """
                        version: 1
                        inventory: { file: inventory.json, html: /var/lib/warden/inventory.html, every: 30s, maxEndpoints: 5000, samples: 0 }
                        routes: []
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPolicies")
    void validPolicyIsAcceptedBySchemaAndLoader(String name, String yaml) {
        Set<ValidationMessage> schemaErrors = validate(yaml);
        assertTrue(schemaErrors.isEmpty(), () -> "the schema rejects the valid policy:\n" + describe(schemaErrors));

        // any ${env:NAME} is set (to a value long enough for a secret): valid policies may take secrets from it
        var result = PolicyLoader.parse(fileName(name), yaml, n -> "example-value-of-" + n + "-0123456789abcdef");
        assertTrue(result.ok(), () -> "the loader rejects the valid policy:\n"
                + result.errors().stream().map(e -> e.format()).collect(Collectors.joining("\n")));
        assertNotNull(result.policy(), "ok() but policy() is null");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // ${env:NAME} in place of a string: the schema accepts the reference, the loader resolves it

    /** The environment the loader sees in {@link #envReferenceIsAcceptedBySchemaAndLoader}. */
    private static final Map<String, String> ENV = Map.of(
            "WARDEN_MODE", "monitor",
            "ACME_KEY_SHA256", HASH,
            "KEY_HEADER", "X-Key",
            "AUTH_METHOD", "apiKey",
            "UNMATCHED", "allow",
            "ANONYMOUS", "none",
            "API_PATH", "/api/**",
            "LIMIT_BY", "header:X-Tenant",
            "LIMIT_PERIOD", "1m",
            "REDACTION", "[gone]");

    static Stream<Arguments> envReferences() {
        return Stream.of(
                arguments("mode", """
                        version: 1
                        mode: ${env:WARDEN_MODE}
                        routes: []
                        """),
                arguments("sha256", """
                        version: 1
                        consumers:
                          - id: acme
                            apiKeys:
                              - sha256: ${env:ACME_KEY_SHA256}
                        routes: []
                        """),
                arguments("header, authenticate entry, unmatched", """
                        version: 1
                        authentication:
                          apiKey: { header: "${env:KEY_HEADER}" }
                        defaults:
                          authenticate: ["${env:AUTH_METHOD}"]
                          unmatched: ${env:UNMATCHED}
                        routes: []
                        """),
                arguments("authenticate: ${env:...} standing for none", """
                        version: 1
                        routes:
                          - id: health
                            match: { path: /health }
                            authenticate: ${env:ANONYMOUS}
                        """),
                arguments("path, by, per, with", """
                        version: 1
                        routes:
                          - id: api
                            match: { path: "${env:API_PATH}" }
                            rateLimits:
                              - { by: "${env:LIMIT_BY}", limit: 10, per: "${env:LIMIT_PERIOD}" }
                            response:
                              fields:
                                - { select: ["$..email"], action: redact, with: "${env:REDACTION}" }
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envReferences")
    void envReferenceIsAcceptedBySchemaAndLoader(String name, String yaml) {
        Set<ValidationMessage> schemaErrors = validate(yaml);
        assertTrue(schemaErrors.isEmpty(), () -> "the schema rejects the reference:\n" + describe(schemaErrors));

        var result = PolicyLoader.parse(fileName(name), yaml, ENV::get);
        assertTrue(result.ok(), () -> "the loader rejects the reference:\n"
                + result.errors().stream().map(e -> e.format()).collect(Collectors.joining("\n")));
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
        return caseName.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "") + ".yaml";
    }
}
