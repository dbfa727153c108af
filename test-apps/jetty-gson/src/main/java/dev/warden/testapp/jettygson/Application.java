package dev.warden.testapp.jettygson;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Jetty;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The spring-mvc test app's customer API, data and debug endpoints, served by plain Jakarta servlets on embedded
 * Jetty 12 (ee10) with Gson as the JSON library: no framework at all.
 *
 * <p>It deliberately contains no security code of its own: authentication, throttling and masking are what the
 * Warden agent adds from the outside. Run it as {@code PORT=18080 java -jar target/jetty-gson.jar}; it listens on
 * 127.0.0.1 only (it serves fake PII) and prints one line naming its JSON library once it is up.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080").trim());

        // As spring-mvc's Jackson: nulls are written, and '<', '>', '&', '=', '\'' are not escaped as \\u00XX.
        Gson gson = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
        HandledCounter handled = new HandledCounter();
        CustomerStore store = new CustomerStore(gson);

        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);   // Tomcat under spring-mvc sends no Server header either
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        SlowServlet slow = new SlowServlet(gson, handled);
        context.addServlet(new ServletHolder("health", new HealthServlet(gson, handled)), "/health");
        context.addServlet(new ServletHolder("customers", new CustomerServlet(gson, handled, store)), "/api/customers/*");
        context.addServlet(new ServletHolder("admin", new AdminServlet(gson, handled, store)), "/api/admin/stats");
        context.addServlet(new ServletHolder("debug-headers", new DebugHeadersServlet(gson, handled)), "/api/debug/headers");
        context.addServlet(new ServletHolder("debug-slow", slow), "/api/debug/slow");
        context.addServlet(new ServletHolder("debug-concurrency", slow.new Concurrency()), "/api/debug/concurrency");
        context.addServlet(new ServletHolder("debug-echo", new RawBodyServlet(gson, handled)), RawBodyServlet.ECHO);
        context.addServlet(new ServletHolder("debug-big", new RawBodyServlet(gson, handled)), RawBodyServlet.BIG);
        context.addServlet(new ServletHolder("error", new ErrorServlet(gson)), "/error");
        context.addServlet(new ServletHolder("not-found", new NotFoundServlet()), "/");
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler() {
            @Override
            public boolean errorPageForMethod(String method) {
                return true; // Jetty's default is GET, POST and HEAD only; spring-mvc's 405 to a DELETE has a body too
            }
        };
        errors.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, "/error");
        errors.setCacheControl(null);        // Jetty adds Cache-Control to error pages by default; Spring Boot does not
        context.setErrorHandler(errors);
        server.setHandler(context);
        server.setStopAtShutdown(true);

        server.start();
        System.out.println("jetty-gson: serializing with " + gson.getClass().getName() + " (gson " + gsonVersion()
                + "); Jetty " + Jetty.VERSION + " listening on 127.0.0.1:" + connector.getLocalPort());
        server.join();
    }

    /** The Gson version: from the jar's Maven metadata (kept in the fat jar), else its manifest, else "unknown". */
    static String gsonVersion() {
        try (InputStream in = Gson.class.getResourceAsStream("/META-INF/maven/com.google.code.gson/gson/pom.properties")) {
            if (in != null) {
                Properties pom = new Properties();
                pom.load(in);
                String version = pom.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version.trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        String version = Gson.class.getPackage().getImplementationVersion();
        return version != null ? version : "unknown";
    }
}
