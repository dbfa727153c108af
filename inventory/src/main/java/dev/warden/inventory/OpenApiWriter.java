package dev.warden.inventory;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The inventory as an OpenAPI 3.1 document: one path per template, one operation per method, a response per status
 * seen with the JSON Schema of the sampled bodies, and what Warden observed in {@code x-warden-*} extensions: calls,
 * denials, auth methods, routes, coverage ({@code x-warden-shadow}), first and last seen, and the sensitive
 * categories found ({@code x-warden-sensitive}, on the schema's properties and summed up per operation).
 * {@link OpenApiReader} reads it back.
 */
public final class OpenApiWriter {

    static final String OPENAPI_VERSION = "3.1.0";
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private OpenApiWriter() {
    }

    public static byte[] toBytes(InventoryView view) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            write(view, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a byte array
        }
        return out.toByteArray();
    }

    public static void write(InventoryView view, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("openapi", OPENAPI_VERSION);
            g.writeObjectFieldStart("info");
            g.writeStringField("title", "API inventory");
            g.writeStringField("version", view.generated().toString());
            g.writeStringField("description", "Every endpoint the application served, as Warden observed it from "
                    + "inside the process since " + view.since() + ". Response schemas describe sampled responses "
                    + "as the application wrote them, before masking; x-warden-sensitive names what was found in them.");
            g.writeEndObject();
            g.writeObjectFieldStart("x-warden-inventory");
            g.writeStringField("generated", view.generated().toString());
            g.writeStringField("since", view.since().toString());
            g.writeNumberField("endpoints", view.endpoints().size());
            g.writeNumberField("shadowEndpoints", view.shadowCount());
            g.writeNumberField("maxEndpoints", view.maxEndpoints());
            g.writeBooleanField("capped", view.capped());
            g.writeNumberField("unrecordedRequests", view.unrecorded());
            if (view.apiKeyHeader() != null) g.writeStringField("apiKeyHeader", view.apiKeyHeader());
            g.writeEndObject();
            paths(g, view);
            components(g, view);
            g.writeEndObject();
        }
    }

    private static void paths(JsonGenerator g, InventoryView view) throws IOException {
        Map<String, List<EndpointView>> byPath = new LinkedHashMap<>();
        for (EndpointView e : view.endpoints()) byPath.computeIfAbsent(e.path(), p -> new ArrayList<>()).add(e);
        g.writeObjectFieldStart("paths");
        for (Map.Entry<String, List<EndpointView>> p : byPath.entrySet()) {
            g.writeObjectFieldStart(p.getKey());
            List<String> params = pathParameters(p.getKey());
            if (!params.isEmpty()) {
                g.writeArrayFieldStart("parameters");
                for (String name : params) {
                    g.writeStartObject();
                    g.writeStringField("name", name);
                    g.writeStringField("in", "path");
                    g.writeBooleanField("required", true);
                    g.writeObjectFieldStart("schema");
                    g.writeStringField("type", "string");
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            List<EndpointView> others = new ArrayList<>();
            for (EndpointView e : p.getValue()) {
                if (!Methods.openApi(e.method())) {
                    others.add(e);
                    continue;
                }
                g.writeFieldName(e.method().toLowerCase(java.util.Locale.ROOT));
                operation(g, e);
            }
            if (!others.isEmpty()) {
                // OpenAPI has no field for other methods (PROPFIND...): kept in an extension, in the same form
                g.writeObjectFieldStart("x-warden-operations");
                for (EndpointView e : others) {
                    g.writeFieldName(e.method());
                    operation(g, e);
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void operation(JsonGenerator g, EndpointView e) throws IOException {
        g.writeStartObject();
        g.writeStringField("operationId", operationId(e));
        g.writeStringField("summary", e.key());
        if (!e.auth().isEmpty()) {
            g.writeArrayFieldStart("security");
            for (String method : e.auth()) {
                String scheme = "none".equals(method) ? null : SecuritySchemes.name(method);
                if (scheme == null && !"none".equals(method)) continue;
                g.writeStartObject();
                if (scheme != null) {
                    g.writeArrayFieldStart(scheme);
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeObjectFieldStart("responses");
        for (Map.Entry<Integer, ResponseView> r : e.responses().entrySet()) {
            g.writeObjectFieldStart(String.valueOf(r.getKey()));
            g.writeStringField("description", Statuses.describe(r.getKey()) + " (" + r.getValue().count() + " seen)");
            g.writeNumberField("x-warden-count", r.getValue().count());
            ShapeView shape = r.getValue().shape();
            if (shape != null) {
                g.writeObjectFieldStart("content");
                g.writeObjectFieldStart("application/json");
                g.writeFieldName("schema");
                schema(g, shape.root());
                if (shape.truncated()) g.writeBooleanField("x-warden-truncated", true);
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeStringField("x-warden-template", e.fromFramework() ? "framework" : "collapsed");
        g.writeNumberField("x-warden-calls", e.calls());
        g.writeNumberField("x-warden-served", e.served());
        g.writeObjectFieldStart("x-warden-denials");
        for (Map.Entry<String, Long> d : e.denials().entrySet()) g.writeNumberField(d.getKey(), d.getValue());
        g.writeEndObject();
        stringArray(g, "x-warden-auth", e.auth());
        stringArray(g, "x-warden-routes", e.routes());
        g.writeBooleanField("x-warden-covered", e.covered());
        g.writeBooleanField("x-warden-shadow", e.shadow());
        g.writeStringField("x-warden-first-seen", e.firstSeen().toString());
        g.writeStringField("x-warden-last-seen", e.lastSeen().toString());
        g.writeObjectFieldStart("x-warden-sensitive");
        for (Map.Entry<String, Set<String>> s : e.sensitive().entrySet()) stringArray(g, s.getKey(), s.getValue());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A JSON Schema (2020-12, as OpenAPI 3.1 has it) of one place of the sampled bodies. */
    private static void schema(JsonGenerator g, ShapeView.Node n) throws IOException {
        g.writeStartObject();
        List<String> types = n.types();
        if (types.size() == 1) {
            g.writeStringField("type", types.get(0));
        } else if (!types.isEmpty()) {
            stringArray(g, "type", types);
        }
        if (!n.members().isEmpty()) {
            g.writeObjectFieldStart("properties");
            for (Map.Entry<String, ShapeView.Node> m : n.members().entrySet()) {
                g.writeFieldName(m.getKey());
                schema(g, m.getValue());
            }
            g.writeEndObject();
        }
        if (n.items() != null) {
            g.writeFieldName("items");
            schema(g, n.items());
        }
        if (!n.categories().isEmpty()) stringArray(g, "x-warden-sensitive", n.categories());
        g.writeEndObject();
    }

    private static void components(JsonGenerator g, InventoryView view) throws IOException {
        Set<String> used = new TreeSet<>();
        for (EndpointView e : view.endpoints()) {
            for (String m : e.auth()) if (SecuritySchemes.name(m) != null) used.add(m);
        }
        g.writeObjectFieldStart("components");
        g.writeObjectFieldStart("securitySchemes");
        for (String m : used) {
            g.writeFieldName(SecuritySchemes.name(m));
            SecuritySchemes.write(g, m, view.apiKeyHeader());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void stringArray(JsonGenerator g, String field, Iterable<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }

    /** The {name} parameters of a template, in order. */
    static List<String> pathParameters(String template) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while ((i = template.indexOf('{', i)) >= 0) {
            int close = template.indexOf('}', i);
            if (close < 0) break;
            out.add(template.substring(i + 1, close));
            i = close + 1;
        }
        return out;
    }

    /** Unique per document: the method and the template, in the only characters every code generator takes. */
    static String operationId(EndpointView e) {
        StringBuilder b = new StringBuilder(e.method().toLowerCase(java.util.Locale.ROOT));
        for (char c : e.path().toCharArray()) {
            boolean word = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            b.append(word ? c : c == '{' || c == '}' ? "" : "_");
        }
        // two templates can differ only in punctuation: the template itself keeps them apart
        return b.append('_').append(Integer.toHexString(e.path().hashCode())).toString();
    }
}
