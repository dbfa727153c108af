package dev.warden.it;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The spring-mvc app's fixture ({@code fixture.json}) and the expected effect of the main policy's response rules:
 * {@code $..ssn} remove, {@code $..card.number} mask keepLast 4, {@code $..email} redact.
 */
public final class Fixture {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String REDACTED = "[REDACTED]";

    private static final JsonNode CUSTOMERS = load();

    private Fixture() {}

    /** A fresh copy of the three fixture records, as the unprotected app returns them. */
    public static ArrayNode customers() {
        return (ArrayNode) CUSTOMERS.deepCopy();
    }

    /** A fresh copy of one fixture record. */
    public static ObjectNode customer(String id) {
        for (JsonNode c : CUSTOMERS) {
            if (c.path("id").asText().equals(id)) {
                return (ObjectNode) c.deepCopy();
            }
        }
        throw new IllegalArgumentException("no fixture customer " + id);
    }

    /** A copy of {@code node} with the main policy's three field rules applied, as the agent should return it. */
    public static JsonNode protect(JsonNode node) {
        JsonNode copy = node.deepCopy();
        applyRules(copy);
        return copy;
    }

    private static void applyRules(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            o.remove("ssn");                                   // $..ssn: remove
            JsonNode card = o.get("card");                     // $..card.number: mask keepLast 4
            if (card != null && card.isObject() && card.has("number")) {
                ((ObjectNode) card).set("number", maskNode(card.get("number"), 0, 4));
            }
            if (o.has("email")) {                              // $..email: redact (any value)
                o.put("email", REDACTED);
            }
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                applyRules(e.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                applyRules(element);
            }
        }
    }

    /** The mask action on a JSON value: string/number leaves masked, containers masked leaf by leaf. */
    public static JsonNode maskNode(JsonNode value, int keepFirst, int keepLast) {
        if (value.isTextual() || value.isNumber()) {
            return TextNode.valueOf(mask(value.asText(), keepFirst, keepLast));
        }
        if (value.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            value.properties().forEach(e -> out.set(e.getKey(), maskNode(e.getValue(), keepFirst, keepLast)));
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            value.forEach(v -> out.add(maskNode(v, keepFirst, keepLast)));
            return out;
        }
        return value.deepCopy();
    }

    /**
     * Each letter/digit becomes '*' except the first {@code keepFirst} and the last {@code keepLast} letters/digits;
     * other characters are kept: ("123-45-6789", 0, 4) gives "***-**-6789".
     */
    public static String mask(String s, int keepFirst, int keepLast) {
        int total = (int) s.codePoints().filter(Character::isLetterOrDigit).count();
        StringBuilder out = new StringBuilder(s.length());
        int index = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                boolean keep = index < keepFirst || index >= total - keepLast;
                index++;
                if (keep) {
                    out.appendCodePoint(cp);
                } else {
                    out.append('*');
                }
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /**
     * Whether {@code s} looks like the output of mask keepLast {@code keepLast} of an unknown value: ignoring other
     * characters, at least one '*' followed by exactly {@code keepLast} letters/digits.
     */
    public static boolean isMaskedKeepLast(String s, int keepLast) {
        StringBuilder significant = new StringBuilder();
        s.codePoints().filter(cp -> cp == '*' || Character.isLetterOrDigit(cp)).forEach(significant::appendCodePoint);
        String sig = significant.toString();
        int stars = 0;
        while (stars < sig.length() && sig.charAt(stars) == '*') {
            stars++;
        }
        String rest = sig.substring(stars);
        return stars >= 1 && rest.codePointCount(0, rest.length()) == keepLast
                && rest.codePoints().allMatch(Character::isLetterOrDigit);
    }

    /** Fails if a property called {@code name} exists anywhere in {@code node}. */
    public static void assertNoProperty(JsonNode node, String name, Supplier<String> context) {
        String where = findProperty(node, name, "$");
        if (where != null) {
            fail("property '" + name + "' must not appear, found at " + where + " -- " + context.get());
        }
    }

    private static String findProperty(JsonNode node, String name, String path) {
        if (node.isObject()) {
            if (node.has(name)) {
                return path + "." + name;
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String found = findProperty(e.getValue(), name, path + "." + e.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = findProperty(node.get(i), name, path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Exact tree comparison (property order ignored), except that numbers compare by value so that 0 and 0.0 are
     * equal (the app may serialize a double balance either way).
     */
    public static void assertSameJson(JsonNode expected, JsonNode actual, Supplier<String> context) {
        JsonNode e = normalize(expected);
        JsonNode a = normalize(actual);
        if (!e.equals(a)) {
            fail("JSON differs -- " + context.get() + "\nexpected:\n" + expected.toPrettyString()
                    + "\nactual:\n" + actual.toPrettyString());
        }
    }

    private static JsonNode normalize(JsonNode node) {
        if (node.isNumber()) {
            return DecimalNode.valueOf(node.decimalValue().stripTrailingZeros());
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> out.set(e.getKey(), normalize(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(v -> out.add(normalize(v)));
            return out;
        }
        return node;
    }

    /**
     * Checks one record of {@code /api/customers/export} (1-based {@code index}) as returned through the main policy:
     * id g-INDEX, no ssn anywhere, email redacted, card.number masked keepLast 4, and the non-sensitive fields present
     * with the fixture's types and not masked. Cheap enough for 200 000 records (messages built only on failure).
     */
    public static void assertProtectedExportRecord(JsonNode rec, long index) {
        if (!rec.isObject()) {
            fail("export record #" + index + " is not an object: " + rec);
        }
        check(("g-" + index).equals(rec.path("id").asText(null)), rec, index, "id must be g-" + index);
        assertNoProperty(rec, "ssn", () -> "export record #" + index + ": " + rec);
        check(rec.path("email").isTextual() && REDACTED.equals(rec.path("email").asText()), rec, index,
                "email must be \"" + REDACTED + "\"");
        JsonNode card = rec.path("card");
        check(card.isObject(), rec, index, "card must be an object");
        check(card.path("number").isTextual() && isMaskedKeepLast(card.path("number").asText(), 4), rec, index,
                "card.number must be masked keeping the last 4 letters/digits");
        check(nonBlankText(card.path("expiry")), rec, index, "card.expiry must be present");
        check(nonBlankText(card.path("holder")) && !card.path("holder").asText().contains("*"), rec, index,
                "card.holder must be present and unmasked");
        check(nonBlankText(rec.path("name")) && !rec.path("name").asText().contains("*"), rec, index,
                "name must be present and unmasked");
        check(rec.path("phone").isTextual(), rec, index, "phone must be a string");
        JsonNode address = rec.path("address");
        check(address.isObject(), rec, index, "address must be an object");
        for (String f : new String[] {"street", "city", "postcode", "country"}) {
            check(address.path(f).isTextual(), rec, index, "address." + f + " must be a string");
        }
        check(rec.path("tags").isArray(), rec, index, "tags must be an array");
        check(rec.path("balance").isNumber(), rec, index, "balance must be a number");
        check(rec.path("notes").isTextual(), rec, index, "notes must be a string");
    }

    private static boolean nonBlankText(JsonNode n) {
        return n.isTextual() && !n.asText().isBlank();
    }

    private static void check(boolean ok, JsonNode rec, long index, String what) {
        if (!ok) {
            fail("export record #" + index + ": " + what + "; got " + rec);
        }
    }

    private static JsonNode load() {
        try (InputStream in = Fixture.class.getResourceAsStream("/fixture.json")) {
            if (in == null) {
                throw new IllegalStateException("fixture.json not on the test classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
