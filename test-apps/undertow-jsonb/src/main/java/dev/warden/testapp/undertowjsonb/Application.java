package dev.warden.testapp.undertowjsonb;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.Version;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The spring-mvc test app's customer API, data and debug endpoints, served by Undertow's core handlers
 * ({@code io.undertow.server}, no servlet API) with JSON-B (Yasson over Parsson) as the JSON library: no framework.
 *
 * <p>It deliberately contains no security code of its own: authentication, throttling and masking are what the
 * Warden agent adds from the outside. Run it as {@code PORT=18080 java -jar target/undertow-jsonb.jar}; it listens
 * on 127.0.0.1 only (it serves fake PII) and prints one line naming its JSON library, server and executor once it is
 * up. Handlers start on Undertow's IO threads; those that block (JSON-B writes to the blocking output stream) are
 * dispatched to virtual threads when the JDK has them (21 and later; found by reflection, as this module compiles for
 * 17), else to Undertow's worker pool; {@code WARDEN_APP_THREADS=platform} forces the pool.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080").trim());

        // JSON-B defaults (properties in the order the classes declare with @JsonbPropertyOrder), but nulls are
        // written, as Jackson and Gson in the other test apps write them.
        Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true));
        boolean platform = "platform".equalsIgnoreCase(System.getenv("WARDEN_APP_THREADS"));
        ExecutorService virtual = platform ? null : virtualThreads();
        AppContext app = new AppContext(jsonb, new HandledCounter(), virtual);
        CustomerStore store = new CustomerStore(jsonb);

        Undertow server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(routes(app, store))
                .build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            if (virtual != null) {
                virtual.shutdownNow();
            }
        }, "shutdown"));

        InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        System.out.println("undertow-jsonb: serializing with " + jsonb.getClass().getName() + " (yasson " + yassonVersion()
                + "); Undertow " + Version.getVersionString() + " listening on " + address.getAddress().getHostAddress()
                + ":" + address.getPort() + " (executor: " + (virtual != null ? "virtual threads" : "Undertow's worker pool") + ")");
    }

    /**
     * The handler tree: paths made canonical as a servlet container would (or 400), then Undertow's path handler,
     * mapping exact paths and {@code /api/customers} with everything below it as servlet mappings would, and 404
     * for anything else.
     */
    static HttpHandler routes(AppContext app, CustomerStore store) {
        SlowEndpoint slow = new SlowEndpoint(app);
        RawBodyEndpoint rawBodies = new RawBodyEndpoint(app);
        PathHandler paths = Handlers.path(new ErrorPage(404, app.jsonb()))
                .addExactPath("/health", new HealthEndpoint(app))
                .addExactPath("/api/admin/stats", new AdminEndpoint(app, store))
                .addExactPath("/api/debug/headers", new DebugHeadersEndpoint(app))
                .addExactPath("/api/debug/slow", slow)
                .addExactPath("/api/debug/concurrency", slow.new Concurrency())
                .addExactPath(RawBodyEndpoint.ECHO, rawBodies)
                .addExactPath(RawBodyEndpoint.BIG, rawBodies)
                .addPrefixPath(CustomerEndpoint.PATH, new CustomerEndpoint(app, store));
        return new ServletStylePaths(paths, new ErrorPage(400, app.jsonb()));
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()} on a JDK that has virtual threads (21 and later), else null. */
    private static ExecutorService virtualThreads() throws ReflectiveOperationException {
        if (Runtime.version().feature() < 21) {
            return null;
        }
        Method virtual = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        return (ExecutorService) virtual.invoke(null);
    }

    /** Yasson's version, from the Maven metadata its jar carries (kept in the fat jar). */
    private static String yassonVersion() {
        try (InputStream in = Application.class.getResourceAsStream("/META-INF/maven/org.eclipse/yasson/pom.properties")) {
            if (in == null) {
                return "unknown version";
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "unknown version");
        } catch (IOException e) {
            return "unknown version";
        }
    }
}
