package dev.warden.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads back an inventory that {@link OpenApiWriter} wrote (for the diff and the HTML report of a saved file). A
 * document that is not one is an {@link IOException} saying what is missing.
 */
public final class OpenApiReader {

    private OpenApiReader() {
    }

    public static InventoryView read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public static InventoryView read(InputStream in) throws IOException {
        Object root = JsonTree.read(in);
        Map<String, Object> doc = object(root, "the document");
        if (!(doc.get("openapi") instanceof String v) || !v.startsWith("3.")) {
            throw new IOException("not an OpenAPI 3 document (no \"openapi\": \"3.x\")");
        }
        Map<String, Object> meta = object(doc.get("x-warden-inventory"), "x-warden-inventory (not a Warden inventory?)");
        List<EndpointView> endpoints = new ArrayList<>();
        for (Map.Entry<String, Object> p : object(doc.getOrDefault("paths", Map.of()), "paths").entrySet()) {
            Map<String, Object> item = object(p.getValue(), "paths." + p.getKey());
            for (Map.Entry<String, Object> op : item.entrySet()) {
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (Methods.openApi(method)) endpoints.add(endpoint(method, p.getKey(), object(op.getValue(), op.getKey())));
            }
            Object others = item.get("x-warden-operations");
            if (others != null) {
                for (Map.Entry<String, Object> op : object(others, "x-warden-operations").entrySet()) {
                    endpoints.add(endpoint(op.getKey(), p.getKey(), object(op.getValue(), op.getKey())));
                }
            }
        }
        return new InventoryView(instant(meta.get("generated")), instant(meta.get("since")), endpoints,
                (int) number(meta.get("maxEndpoints")), Boolean.TRUE.equals(meta.get("capped")),
                number(meta.get("unrecordedRequests")), meta.get("apiKeyHeader") instanceof String h ? h : null);
    }

    private static EndpointView endpoint(String method, String path, Map<String, Object> op) throws IOException {
        Map<String, Long> denials = new TreeMap<>();
        for (Map.Entry<String, Object> d : object(op.getOrDefault("x-warden-denials", Map.of()), "x-warden-denials").entrySet()) {
            denials.put(d.getKey(), number(d.getValue()));
        }
        TreeMap<Integer, ResponseView> responses = new TreeMap<>();
        for (Map.Entry<String, Object> r : object(op.getOrDefault("responses", Map.of()), "responses").entrySet()) {
            int status;
            try {
                status = Integer.parseInt(r.getKey());
            } catch (NumberFormatException e) {
                continue; // "default" or a range: not something Warden writes
            }
            Map<String, Object> response = object(r.getValue(), "responses." + r.getKey());
            ShapeView shape = null;
            if (response.get("content") instanceof Map<?, ?> content && content.get("application/json") instanceof Map<?, ?> media
                    && media.get("schema") instanceof Map<?, ?> schema) {
                shape = new ShapeView(node(schema), Boolean.TRUE.equals(media.get("x-warden-truncated")));
            }
            responses.put(status, new ResponseView(number(response.get("x-warden-count")), shape));
        }
        return new EndpointView(method, path, "framework".equals(op.get("x-warden-template")),
                number(op.get("x-warden-calls")), number(op.get("x-warden-served")), denials, responses,
                strings(op.get("x-warden-auth")), strings(op.get("x-warden-routes")),
                !Boolean.FALSE.equals(op.get("x-warden-covered")), instant(op.get("x-warden-first-seen")),
                instant(op.get("x-warden-last-seen")));
    }

    private static ShapeView.Node node(Map<?, ?> schema) {
        int kinds = 0;
        Object type = schema.get("type");
        if (type instanceof String t) kinds = JsonKinds.of(t);
        else if (type instanceof List<?> l) for (Object t : l) if (t instanceof String s) kinds |= JsonKinds.of(s);
        Map<String, ShapeView.Node> members = new LinkedHashMap<>();
        if (schema.get("properties") instanceof Map<?, ?> props) {
            for (Map.Entry<?, ?> m : props.entrySet()) {
                if (m.getValue() instanceof Map<?, ?> child) members.put(String.valueOf(m.getKey()), node(child));
            }
        }
        ShapeView.Node items = schema.get("items") instanceof Map<?, ?> i ? node(i) : null;
        return new ShapeView.Node(kinds, strings(schema.get("x-warden-sensitive")), members, items);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) throws IOException {
        if (value instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new IOException(what + " is missing or not an object");
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static Set<String> strings(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof List<?> l) for (Object o : l) if (o instanceof String s) out.add(s);
        return out;
    }

    private static Instant instant(Object value) {
        if (value instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                return Instant.EPOCH;
            }
        }
        return Instant.EPOCH;
    }
}
