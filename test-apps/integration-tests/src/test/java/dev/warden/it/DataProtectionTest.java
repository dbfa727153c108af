package dev.warden.it;

import static dev.warden.it.Http.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Field-level protection end to end (policies/protection.yaml) on spring-mvc: detectors in free text, keys, every
 * action, allowFields, the serializer path and the wire path agreeing, and the CLI computing the same bodies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class DataProtectionTest {
    private static final String APP = "spring-mvc";

    private final SecretScan secrets = new SecretScan();
    private final String tokenKey = secrets.secret("tokenization key", randomKey());
    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;

    private static String randomKey() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    @BeforeAll
    void start() {
        policy = PolicyFiles.render("protection.yaml", "protection-" + APP + ".yaml");
        secrets.keys(policy);
        app = secrets.launch(AppProcess.builder(APP).policy(policy.path()).env("WARDEN_TOKEN_KEY", tokenKey)
                .logName(APP + "-protection"));
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        secrets.closeAndCheck(app);
    }

    private JsonNode get(String path) {
        HttpResponse<String> r = http.get(path, policy.key("reader"));
        assertStatus(200, r, app::tail);
        return Http.json(r);
    }

    @Test
    void everyActionOnTheSerializerPath() {
        JsonNode c = get("/api/customers/c-1001");
        assertEquals("Paid with **** **** **** 1111, contact a**@example.com", c.path("notes").asText(),
                "detectors replace only what they find inside free text");
        assertEquals("a**@example.com", c.path("email").asText(), "keepDomain");
        assertTrue(c.path("ssn").asText().matches("tok_[A-Za-z0-9_-]{40,}"), c.toString());
        assertTrue(c.path("phone").asText().matches("h_[0-9a-f]{64}"), c.toString());
        String card = c.path("card").path("number").asText();
        assertTrue(card.matches("\\d{16}") && !card.equals("4111111111111111"), card);
        assertEquals("[holder]", c.path("card").path("holder").asText());
        assertFalse(c.path("address").has("postcode"), "keys: [\"*code\"] removed it: " + c);
        assertEquals("London", c.path("address").path("city").asText());
        for (String clear : new String[] {"4111 1111 1111 1111", "ada@example.com", "123-45-6789", "+44 20 7946 0958"}) {
            assertFalse(c.toString().contains(clear), clear + " in " + c);
        }
    }

    @Test
    void theWireEngineWritesTheSameBodyAsTheSerializerHook() {
        for (String id : new String[] {"c-1001", "c-1003"}) {
            assertEquals(get("/api/customers/" + id), get("/api/customers/" + id + "/raw"), id);
        }
    }

    @Test
    void rulesByJavaTypeAndAnnotationApplyOnTheSerializerPath() {
        JsonNode c = get("/api/customers/c-1002");
        assertEquals("A*** ******", c.path("name").asText(), "the record component is annotated @Sensitive: " + c);
        assertEquals(Fixture.REDACTED, c.path("card").path("expiry").asText(), "Card.expiry: " + c);
        assertEquals("alan.turing@example.org", c.path("email").asText(), "no other rule on this route");
        JsonNode raw = get("/api/customers/c-1002/raw");
        assertEquals("Alan Turing", Fixture.customer("c-1002").path("name").asText());
        assertFalse(raw.path("name").asText().equals("A*** ******"), "bytes on the wire carry no types: the raw route is another route");
    }

    @Test
    void allowFieldsKeepsOnlyWhatIsListed() {
        JsonNode list = get("/api/customers");
        assertEquals(3, list.size());
        for (JsonNode c : list) {
            assertEquals(java.util.Set.of("id", "name", "address", "card", "tags"), fieldNames(c), c.toString());
            assertEquals(java.util.Set.of("city"), fieldNames(c.path("address")), c.toString());
            assertEquals(0, c.path("card").size(), "an emptied container stays, with nothing in it: " + c);
        }
    }

    private static java.util.Set<String> fieldNames(JsonNode n) {
        java.util.Set<String> names = new java.util.HashSet<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void streamedExportHasNoDetectedValueLeft() throws Exception {
        HttpResponse<String> r = http.get("/api/customers/export?count=2000", policy.key("reader"));
        assertStatus(200, r, app::tail);
        JsonNode all = Http.json(r);
        assertEquals(2000, all.size());
        for (JsonNode c : all) {
            assertEquals(Fixture.REDACTED, c.path("email").asText(), c.toString());
            assertFalse(c.path("card").path("number").asText().matches("[0-9 -]{13,}"), c.toString());
        }
    }

    @Test
    void theCliMasksExactlyAsTheAgentAndTokensSurviveRestartsAndReverse() throws Exception {
        String record = Fixture.customer("c-1001").toString();
        Map<String, String> env = Map.of("WARDEN_TOKEN_KEY", tokenKey);
        AgentCli.Result cli = AgentCli.run("protection-mask", env, record, "mask", policy.given(), "--route", "one");
        assertEquals(0, cli.exitCode(), cli.describe());
        JsonNode fromCli = Fixture.JSON.readTree(cli.stdout());
        assertEquals(get("/api/customers/c-1001"), fromCli, "another JVM, the same key: the same tokens, hashes and FF1 output");

        AgentCli.Result otherKey = AgentCli.run("protection-mask-other-key", Map.of("WARDEN_TOKEN_KEY", randomKey()), record,
                "mask", policy.given(), "--route", "one");
        JsonNode other = Fixture.JSON.readTree(otherKey.stdout());
        assertNotEquals(fromCli.path("ssn"), other.path("ssn"), "another key, another token");
        assertNotEquals(fromCli.path("phone"), other.path("phone"));
        assertNotEquals(fromCli.path("card").path("number"), other.path("card").path("number"));

        AgentCli.Result back = AgentCli.run("protection-detokenize", env,
                fromCli.path("ssn").asText() + "\n", "detokenize", policy.given());
        assertEquals("123-45-6789", back.stdout().strip(), back.describe());
        AgentCli.Result card = AgentCli.run("protection-detokenize-card", env,
                fromCli.path("card").path("number").asText() + "\n", "detokenize", policy.given(), "--luhn");
        assertEquals("4111111111111111", card.stdout().strip(), card.describe());
        AgentCli.Result wrong = AgentCli.run("protection-detokenize-wrong", Map.of("WARDEN_TOKEN_KEY", randomKey()),
                fromCli.path("ssn").asText() + "\n", "detokenize", policy.given());
        assertEquals(1, wrong.exitCode(), wrong.describe());
        assertFalse(wrong.stdout().contains("123-45-6789"));
    }
}
