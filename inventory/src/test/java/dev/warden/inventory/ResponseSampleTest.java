package dev.warden.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResponseSampleTest {

    static final String CUSTOMER = "{\"id\":\"c-1001\",\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\","
            + "\"phone\":\"+44 20 7946 0958\",\"ssn\":\"123-45-6789\","
            + "\"card\":{\"number\":\"4111111111111111\",\"expiry\":\"12/29\",\"holder\":\"ADA LOVELACE\"},"
            + "\"address\":{\"street\":\"12 St James's Square\",\"city\":\"London\",\"postcode\":\"SW1Y 4JH\",\"country\":\"GB\"},"
            + "\"tags\":[\"vip\"],\"balance\":1520.75,\"active\":true,\"closed\":null,"
            + "\"notes\":\"Paid with 4111 1111 1111 1111, contact ada@example.com\"}";

    @Test
    void bytesInAnyChunkingGiveThePlacesTypesAndCategories() {
        byte[] json = CUSTOMER.getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {1, 7, 64, json.length}) {
            ResponseSample s = new ResponseSample("k");
            for (int at = 0; at < json.length; at += chunk) s.feed(json, at, Math.min(chunk, json.length - at));
            s.end();
            ShapeView shape = s.shape().view();
            Map<String, Set<String>> sensitive = shape.sensitive();
            assertEquals(Set.of("ssn"), sensitive.get("$.ssn"), "chunk " + chunk);
            assertEquals(Set.of("pan"), sensitive.get("$.card.number"));
            assertEquals(Set.of("email"), sensitive.get("$.email"));
            assertEquals(Set.of("phone"), sensitive.get("$.phone"));
            assertEquals(Set.of("email", "pan"), sensitive.get("$.notes"));
            assertEquals(Set.of("$.ssn", "$.card.number", "$.email", "$.phone", "$.notes"), sensitive.keySet());
            Map<String, List<String>> types = new java.util.LinkedHashMap<>();
            shape.fields().forEach(f -> types.put(f.path(), f.types()));
            assertEquals(List.of("object"), types.get("$.card"));
            assertEquals(List.of("string"), types.get("$.tags[*]"));
            assertEquals(List.of("array"), types.get("$.tags"));
            assertEquals(List.of("number"), types.get("$.balance"));
            assertEquals(List.of("boolean"), types.get("$.active"));
            assertEquals(List.of("null"), types.get("$.closed"));
            assertFalse(shape.truncated());
        }
    }

    @Test
    void serializerEventsGiveTheSameShapeAsTheBytes() {
        ResponseSample fromBytes = new ResponseSample("k");
        byte[] json = ("[" + CUSTOMER + "," + CUSTOMER + "]").getBytes(StandardCharsets.UTF_8);
        fromBytes.feed(json, 0, json.length);
        fromBytes.end();

        ResponseSample fromEvents = new ResponseSample("k");
        JsonEvents e = fromEvents.events();
        e.startArray();
        for (int i = 0; i < 2; i++) {
            e.startObject();
            e.name("id"); e.string("c-1001");
            e.name("name"); e.string("Ada Lovelace");
            e.name("email"); e.string("ada@example.com");
            e.name("phone"); e.string("+44 20 7946 0958");
            e.name("ssn"); e.string("123-45-6789");
            e.name("card"); e.startObject();
            e.name("number"); e.string("4111111111111111");
            e.name("expiry"); e.string("12/29");
            e.name("holder"); e.string("ADA LOVELACE");
            e.end();
            e.name("address"); e.startObject();
            e.name("street"); e.string("12 St James's Square");
            e.name("city"); e.string("London");
            e.name("postcode"); e.string("SW1Y 4JH");
            e.name("country"); e.string("GB");
            e.end();
            e.name("tags"); e.startArray(); e.string("vip"); e.end();
            e.name("balance"); e.number("1520.75");
            e.name("active"); e.literal("true");
            e.name("closed"); e.literal("null");
            e.name("notes"); e.string("Paid with 4111 1111 1111 1111, contact ada@example.com");
            e.end();
        }
        e.end();
        assertEquals(fromBytes.shape().view(), fromEvents.shape().view());
        assertEquals(Set.of("pan"), fromEvents.shape().view().sensitive().get("$[*].card.number"));
    }

    @Test
    void aSensitiveMemberNameIsKeptAsItsCategoryOnly() {
        ResponseSample s = new ResponseSample("k");
        byte[] json = "{\"ada@example.com\":{\"visits\":3}}".getBytes(StandardCharsets.UTF_8);
        s.feed(json, 0, json.length);
        s.end();
        List<String> paths = s.shape().view().fields().stream().map(ShapeView.Field::path).toList();
        assertEquals(List.of("$['{email}']", "$['{email}'].visits"), paths);
    }

    @Test
    void whatIsNotJsonStopsRecordingWithoutAnError() {
        ResponseSample s = new ResponseSample("k");
        byte[] bad = "{\"a\":1,\"b\": nope}".getBytes(StandardCharsets.UTF_8);
        s.feed(bad, 0, bad.length);
        s.feed(bad, 0, bad.length);
        s.end();
        assertEquals(List.of("$.a"), s.shape().view().fields().stream().map(ShapeView.Field::path).toList());
    }

    @Test
    void aHugeBodyIsReadOnlyInPartAndSaysSo() {
        ResponseSample s = new ResponseSample("k");
        byte[] head = "{\"id\":\"big\",\"ssn\":\"123-45-6789\",\"blob\":\"".getBytes(StandardCharsets.UTF_8);
        s.feed(head, 0, head.length);
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 100; i++) s.feed(chunk, 0, chunk.length); // 6.4 MB
        byte[] tail = "\",\"tail\":\"end\"}".getBytes(StandardCharsets.UTF_8);
        s.feed(tail, 0, tail.length);
        s.end();
        ShapeView shape = s.shape().view();
        assertTrue(shape.truncated());
        assertEquals(Set.of("ssn"), shape.sensitive().get("$.ssn"));
        assertFalse(shape.fields().stream().anyMatch(f -> f.path().equals("$.tail")));
    }

    @Test
    void placesAreBounded() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < Shape.MAX_NODES + 50; i++) json.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
        json.append('}');
        ResponseSample s = new ResponseSample("k");
        byte[] b = json.toString().getBytes(StandardCharsets.UTF_8);
        s.feed(b, 0, b.length);
        s.end();
        ShapeView shape = s.shape().view();
        assertTrue(shape.truncated());
        assertEquals(Shape.MAX_NODES - 1, shape.fields().size());
    }
}
