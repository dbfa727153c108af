package dev.warden.testapp.jettygson;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /api/customers?serializer=jsonb} (or {@code jsonb-writer}): the fixture written by JSON-B (Yasson)
 * instead of Gson, to the response's output stream (or writer). Not part of the contract: it lets the suite check
 * the JSON-B hook in a real servlet container.
 */
final class JsonbOutput {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private JsonbOutput() {
    }

    static void write(HttpServletResponse response, Object body, boolean viaWriter) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        if (viaWriter) {
            response.setCharacterEncoding("UTF-8");
            JSONB.toJson(body, response.getWriter());
        } else {
            JSONB.toJson(body, response.getOutputStream());
        }
    }
}
