package dev.warden.inventory;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The OpenAPI security scheme of each of Warden's authentication methods. */
final class SecuritySchemes {

    private SecuritySchemes() {
    }

    /** The scheme's name in {@code components.securitySchemes}, or null for a method that has none. */
    static String name(String method) {
        return switch (method) {
            case "apiKey", "jwt", "introspection", "mtls" -> method;
            default -> null;
        };
    }

    static void write(JsonGenerator g, String method, String apiKeyHeader) throws IOException {
        g.writeStartObject();
        switch (method) {
            case "apiKey" -> {
                g.writeStringField("type", "apiKey");
                g.writeStringField("in", "header");
                g.writeStringField("name", apiKeyHeader == null ? "X-API-Key" : apiKeyHeader);
            }
            case "jwt" -> {
                g.writeStringField("type", "http");
                g.writeStringField("scheme", "bearer");
                g.writeStringField("bearerFormat", "JWT");
            }
            case "introspection" -> {
                g.writeStringField("type", "http");
                g.writeStringField("scheme", "bearer");
                g.writeStringField("description", "an opaque token, checked by OAuth 2.0 token introspection (RFC 7662)");
            }
            default -> g.writeStringField("type", "mutualTLS");
        }
        g.writeEndObject();
    }
}
