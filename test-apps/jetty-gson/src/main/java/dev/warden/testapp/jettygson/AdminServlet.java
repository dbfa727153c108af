package dev.warden.testapp.jettygson;

import com.google.gson.Gson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/** {@code GET /api/admin/stats}: statistics for the tests, on an "admin" path so policies can protect it apart. */
final class AdminServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;

    /** Response body: property order is the contract's ({@code customers}, then {@code handled}). */
    record Stats(int customers, long handled) {
    }

    private final transient CustomerStore store;

    AdminServlet(Gson gson, HandledCounter handled, CustomerStore store) {
        super(gson, handled);
        this.store = store;
    }

    @Override
    protected Set<String> methods(HttpServletRequest request) {
        return Set.of("GET");
    }

    /** Only reads the counter: asking for it must not change it. */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        writeJson(response, HttpServletResponse.SC_OK, new Stats(store.fixtureSize(), handled.get()));
    }
}
