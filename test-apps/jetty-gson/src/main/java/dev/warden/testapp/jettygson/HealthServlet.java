package dev.warden.testapp.jettygson;

import com.google.gson.Gson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** {@code GET /health}: the liveness probe that test harnesses poll until the app is up. */
final class HealthServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;

    HealthServlet(Gson gson, HandledCounter handled) {
        super(gson, handled);
    }

    @Override
    protected Set<String> methods(HttpServletRequest request) {
        return Set.of("GET");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handled.increment();
        writeJson(response, HttpServletResponse.SC_OK, Map.of("status", "UP"));
    }
}
