package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The API inventory (issue 7, done-when 5), on spring-mvc under the agent: after the contract is exercised, the
 * inventory lists every endpoint served under Spring's own template ({@code /api/customers/{id}}), flags the ones no
 * policy route covers (the policy lets unmatched requests through), and marks {@code ssn}, {@code card.number} and
 * {@code email} with their categories although the client got them removed, masked and redacted: the inventory reads
 * what the application wrote. It is served on the admin listener and written to files; the HTML report renders in
 * headless Chromium without a script error ({@link InventoryReportBrowser}); {@code inventory diff} tells new, gone and
 * changed endpoints, with exit 1, and exit 0 for the same inventory. No API key of the run appears in any of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class InventoryTest {
    private static final String APP = "spring-mvc";

    /** Every endpoint the run makes the application serve, under Spring's templates. */
    private static final Set<String> ENDPOINTS = Set.of(
            "GET /health",
            "GET /api/customers", "POST /api/customers", "GET /api/customers/{id}", "GET /api/customers/{id}/raw",
            "GET /api/customers/export", "GET /api/admin/stats",
            "GET /api/debug/headers", "GET /api/debug/slow", "GET /api/debug/concurrency", "POST /api/debug/echo",
            "GET /api/debug/big");
    /** The ones no policy route covers (inventory.yaml has routes for health, customers and admin only). */
    private static final Set<String> SHADOWS = Set.of("GET /api/debug/headers", "GET /api/debug/slow",
            "GET /api/debug/concurrency", "POST /api/debug/echo", "GET /api/debug/big");

    private final SecretScan secrets = new SecretScan();
    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;
    private Http admin;
    private Path dir;
    private Path inventoryFile;
    private Path htmlFile;
    /** The inventory after the first half of the run (customers, health, admin), for the diff. */
    private Path firstHalf;

    @BeforeAll
    void start() throws IOException {
        dir = Locations.workDir().resolve("inventory");
        Files.createDirectories(dir);
        inventoryFile = dir.resolve("inventory-" + APP + ".json");
        htmlFile = dir.resolve("inventory-" + APP + ".html");
        Files.deleteIfExists(inventoryFile);
        Files.deleteIfExists(htmlFile);
        int adminPort = AppProcess.freePort();
        policy = PolicyFiles.render("inventory.yaml", "inventory-" + APP + ".yaml", Map.of("adminPort",
                Integer.toString(adminPort), "inventoryFile", inventoryFile.toString(), "inventoryHtml", htmlFile.toString()));
        secrets.keys(policy);
        app = secrets.launch(AppProcess.builder(APP).policy(policy.path()).logName(APP + "-inventory"));
        http = new Http(app.port());
        admin = new Http(adminPort);
        exercise();
    }

    @AfterAll
    void stop() {
        secrets.closeAndCheck(app);
    }

    /** The run: every contract endpoint, allowed and refused; the debug endpoints only in the second half. */
    private void exercise() throws IOException {
        String reader = policy.key("reader");
        String adminKey = policy.key("admin");
        check(http.get("/health", null), 200);
        check(http.get("/api/customers", reader), 200);
        HttpResponse<String> one = check(http.get("/api/customers/c-1001", reader), 200);
        JsonNode customer = Http.json(one);
        // what the client got: removed, masked, redacted (the inventory below still knows what they were)
        assertFalse(customer.has("ssn"), one.body());
        assertEquals("************1111", customer.path("card").path("number").asText(), one.body());
        assertEquals("[REDACTED]", customer.path("email").asText(), one.body());
        check(http.get("/api/customers/c-1002", reader), 200);
        check(http.get("/api/customers/c-1001/raw", reader), 200);
        check(http.get("/api/customers/export?count=3", reader), 200);
        check(http.get("/api/customers/c-1001", null), 401);
        check(http.get("/api/admin/stats", reader), 403);
        check(http.get("/api/admin/stats", adminKey), 200);
        firstHalf = save(inventory(), "first-half");

        check(http.get("/api/customers/c-9999", reader), 404); // a known endpoint's 404: counted there
        check(http.postJson("/api/customers", reader,
                "{\"name\":\"Bob\",\"email\":\"bob@example.com\",\"ssn\":\"123-45-6789\"}"), 201);
        check(http.get("/api/debug/headers", null), 200);
        check(http.get("/api/debug/slow?ms=1", null), 200);
        check(http.get("/api/debug/concurrency", null), 200);
        check(http.postJson("/api/debug/echo", null, "{\"card\":{\"number\":\"4111111111111111\"},\"contact\":\"x@example.org\"}"), 200);
        check(http.get("/api/debug/big?mb=1", null), 200);
        check(http.get("/no/such/endpoint", null), 404); // not an endpoint
    }

    @Test
    @Order(1)
    void everyEndpointServedIsListedUnderItsTemplateWithShadowsFlagged() {
        JsonNode doc = inventory();
        assertEquals("3.1.0", doc.path("openapi").asText());
        Map<String, JsonNode> ops = operations(doc);
        assertEquals(ENDPOINTS, ops.keySet(), "the endpoints of the inventory");
        for (Map.Entry<String, JsonNode> e : ops.entrySet()) {
            JsonNode op = e.getValue();
            assertEquals("framework", op.path("x-warden-template").asText(), e.getKey() + ": Spring's template");
            assertEquals(SHADOWS.contains(e.getKey()), op.path("x-warden-shadow").asBoolean(), e.getKey() + " shadow: " + op);
            assertEquals(!SHADOWS.contains(e.getKey()), op.path("x-warden-covered").asBoolean(), e.getKey());
            assertEquals(SHADOWS.contains(e.getKey()) || e.getKey().equals("GET /health") ? List.of("none") : List.of("apiKey"),
                    texts(op.path("x-warden-auth")), e.getKey() + " auth seen");
        }
        JsonNode customer = ops.get("GET /api/customers/{id}");
        assertEquals(4, customer.path("x-warden-calls").asInt(), customer.toString());
        assertEquals(1, customer.path("x-warden-denials").path("deny:unauthenticated").asInt(), customer.toString());
        assertEquals(Set.of("200", "401", "404"), fieldNames(customer.path("responses")));
        assertEquals(List.of("customers"), texts(customer.path("x-warden-routes")));
        assertEquals(1, ops.get("GET /api/admin/stats").path("x-warden-denials").path("deny:forbidden").asInt());
        JsonNode path = doc.path("paths").path("/api/customers/{id}").path("parameters").path(0);
        assertEquals("id", path.path("name").asText());
        assertEquals("path", path.path("in").asText());
        assertEquals(SHADOWS.size(), doc.path("x-warden-inventory").path("shadowEndpoints").asInt());
        assertFalse(doc.path("x-warden-inventory").path("capped").asBoolean());
    }

    @Test
    @Order(2)
    void sensitiveFieldsAreMarkedWithTheirCategoriesAsTheApplicationWroteThem() {
        Map<String, JsonNode> ops = operations(inventory());
        Map<String, List<String>> expected = Map.of("$.ssn", List.of("ssn"), "$.card.number", List.of("pan"),
                "$.email", List.of("email"));
        for (String endpoint : List.of("GET /api/customers/{id}", "GET /api/customers/{id}/raw")) {
            Map<String, List<String>> sensitive = sensitive(ops.get(endpoint));
            expected.forEach((field, categories) -> assertEquals(categories, sensitive.get(field), endpoint + " " + field
                    + " in " + sensitive));
            assertEquals(List.of("email", "pan"), sensitive.get("$.notes"), endpoint + ": free text holding both");
        }
        for (String endpoint : List.of("GET /api/customers", "GET /api/customers/export")) {
            Map<String, List<String>> sensitive = sensitive(ops.get(endpoint));
            expected.forEach((field, categories) -> assertEquals(categories, sensitive.get("$[*]" + field.substring(1)),
                    endpoint + " " + field + " in " + sensitive));
        }
        // the schema says it too, where a code generator or a reviewer would look
        JsonNode schema = ops.get("GET /api/customers/{id}").path("responses").path("200").path("content")
                .path("application/json").path("schema");
        assertEquals("object", schema.path("type").asText(), schema.toString());
        assertEquals(List.of("pan"), texts(schema.path("properties").path("card").path("properties").path("number")
                .path("x-warden-sensitive")));
        assertEquals(List.of("ssn"), texts(schema.path("properties").path("ssn").path("x-warden-sensitive")));
        // what a shadow endpoint returns is found the same way, with nothing masking it
        assertEquals(Map.of("$.card.number", List.of("pan"), "$.contact", List.of("email")),
                sensitive(ops.get("POST /api/debug/echo")));
        assertEquals(List.of("ssn"), sensitive(ops.get("GET /api/debug/big")).get("$.ssn"));
        assertTrue(sensitive(ops.get("GET /api/debug/headers")).isEmpty());
    }

    @Test
    @Order(3)
    void theFilesAreWrittenAndTheAdminListenerServesTheReport() throws Exception {
        JsonNode written = awaitFile(ENDPOINTS.size());
        assertEquals(ENDPOINTS, operations(written).keySet());
        // the HTML file is written just after the JSON one: wait for the same round of the periodic export
        String html = "";
        for (long deadline = System.nanoTime() + 15_000_000_000L; System.nanoTime() < deadline; Thread.sleep(100)) {
            html = Files.exists(htmlFile) ? Files.readString(htmlFile, StandardCharsets.UTF_8) : "";
            String current = html;
            if (ENDPOINTS.stream().allMatch(e -> current.contains(e.substring(e.indexOf(' ') + 1)))) break;
        }
        for (String e : ENDPOINTS) assertTrue(html.contains(e.substring(e.indexOf(' ') + 1)), e + " in the HTML file");
        HttpResponse<String> page = admin.get("/inventory.html", null);
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
        assertTrue(page.body().contains("<table id=\"endpoints\">"));
        String leaked = secrets.findIn(inventoryText() + html + page.body(), "the inventory");
        assertTrue(leaked.isEmpty(), () -> "secrets in the inventory:\n" + leaked);
    }

    @Test
    @Order(4)
    void theHtmlReportRendersInChromiumWithoutAScriptError() throws Exception {
        Path report = dir.resolve("report-" + APP + ".html");
        Files.writeString(report, admin.get("/inventory.html", null).body(), StandardCharsets.UTF_8);
        InventoryReportBrowser.Rendered r = InventoryReportBrowser.render(report, dir.resolve("report-" + APP + ".png"));
        assertEquals(List.of(), r.problems(), "what the browser reported");
        assertEquals(ENDPOINTS.size(), r.chartBars(), "a bar per endpoint in the chart");
        assertEquals(ENDPOINTS.size(), r.tableRows(), "a row per endpoint in the table");
        assertEquals(SHADOWS.size(), r.shadowRowsShown(), "the 'shadow endpoints only' filter");
        assertTrue(Files.size(r.screenshot()) > 10_000, "a screenshot with something in it: " + r.screenshot());

        // the check above can fail: a script changed by one character no longer matches the page's policy, is
        // refused, and the browser says so
        Path tampered = dir.resolve("report-" + APP + "-tampered.html");
        Files.writeString(tampered, Files.readString(report).replace("\"use strict\";", "\"use strict\"; "));
        InventoryReportBrowser.Rendered broken = InventoryReportBrowser.render(tampered, dir.resolve("report-" + APP + "-tampered.png"));
        assertEquals(0, broken.chartBars());
        assertTrue(broken.problems().stream().anyMatch(p -> p.contains("Content Security Policy")), broken.problems()::toString);
    }

    @Test
    @Order(5)
    void theDiffTellsNewGoneAndChangedEndpoints() throws IOException {
        Path now = save(inventory(), "final");
        AgentCli.Result grew = AgentCli.run("inventory-diff", "inventory", "diff", firstHalf.toString(), now.toString());
        assertEquals(1, grew.exitCode(), grew::describe);
        List<String> lines = grew.stdout().lines().toList();
        for (String shadow : SHADOWS) {
            assertTrue(lines.contains("new      " + shadow + "  [shadow: no policy route covers it]"
                    + (shadow.equals("POST /api/debug/echo") ? "  [returns email, pan]" : shadow.equals("GET /api/debug/big") ? "  [returns ssn]" : "")),
                    shadow + "\n" + grew.describe());
        }
        assertTrue(lines.contains("new      POST /api/customers  [returns email, ssn]"), grew::describe);
        assertTrue(lines.contains("changed  GET /api/customers/{id}"), grew::describe);
        assertTrue(lines.contains("           statuses: 200, 401 -> 200, 401, 404"), grew::describe);
        assertEquals("6 new, 0 gone, 1 changed", lines.get(lines.size() - 1), grew::describe);

        AgentCli.Result shrank = AgentCli.run("inventory-diff-back", "inventory", "diff", now.toString(), firstHalf.toString());
        assertEquals(1, shrank.exitCode(), shrank::describe);
        assertTrue(shrank.stdout().contains("gone     GET /api/debug/headers"), shrank::describe);

        AgentCli.Result same = AgentCli.run("inventory-diff-same", "inventory", "diff", now.toString(), now.toString());
        assertEquals(0, same.exitCode(), same::describe);
        assertEquals("no differences", same.stdout().strip(), same::describe);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private HttpResponse<String> check(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), () -> Http.describe(r) + "\n" + app.tail());
        return r;
    }

    /** The inventory now, from the admin listener. */
    private JsonNode inventory() {
        HttpResponse<String> r = admin.get("/inventory", null);
        assertEquals(200, r.statusCode(), () -> Http.describe(r));
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        return Http.json(r);
    }

    private String inventoryText() {
        return admin.get("/inventory", null).body();
    }

    private Path save(JsonNode doc, String name) throws IOException {
        Path file = dir.resolve("inventory-" + APP + "-" + name + ".json");
        Files.writeString(file, Fixture.JSON.writeValueAsString(doc), StandardCharsets.UTF_8);
        return file;
    }

    /** The inventory file, once the agent has written one with {@code endpoints} endpoints (it writes every second). */
    private JsonNode awaitFile(int endpoints) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        JsonNode doc = null;
        while (System.nanoTime() < deadline) {
            if (Files.exists(inventoryFile) && Files.exists(htmlFile)) {
                doc = Fixture.JSON.readTree(inventoryFile.toFile());
                if (doc.path("x-warden-inventory").path("endpoints").asInt() == endpoints) return doc;
            }
            Thread.sleep(100);
        }
        fail("the inventory file " + inventoryFile + " does not list " + endpoints + " endpoints: " + doc);
        return null;
    }

    /** "METHOD /template" to its operation, other methods (x-warden-operations) included. */
    private static Map<String, JsonNode> operations(JsonNode doc) {
        Map<String, JsonNode> out = new TreeMap<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            if (op.getKey().equals("parameters")) return;
            if (op.getKey().equals("x-warden-operations")) {
                op.getValue().fields().forEachRemaining(o -> out.put(o.getKey() + " " + p.getKey(), o.getValue()));
            } else {
                out.put(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey(), op.getValue());
            }
        }));
        return out;
    }

    private static Map<String, List<String>> sensitive(JsonNode op) {
        assertNotNull(op);
        Map<String, List<String>> out = new TreeMap<>();
        op.path("x-warden-sensitive").fields().forEachRemaining(f -> out.put(f.getKey(), texts(f.getValue())));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
