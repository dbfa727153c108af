package dev.warden.testapp.vertx;

import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * The spring-mvc test app's customer API, data and debug endpoints, served by Vert.x Web on Vert.x core's HTTP server
 * (Netty), with Vert.x's own JSON ({@code JsonObject}, {@code JsonArray}; encoded by its Jackson-core codec, no
 * databind).
 *
 * <p>It deliberately contains no security code of its own: authentication, throttling and masking are what the
 * Warden agent adds from the outside. Run it as {@code PORT=18080 java -jar target/vertx.jar}; it listens on 127.0.0.1
 * only (it serves fake PII) and prints one line naming its server and JSON codec once it is up.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080").trim());
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        HandledCounter handled = new HandledCounter();
        CustomerStore store = new CustomerStore();

        Vertx vertx = Vertx.vertx();
        ApiVerticle api = new ApiVerticle(host, port, handled, store);
        vertx.deployVerticle(api)
                .onSuccess(id -> System.out.println("vertx: Vert.x " + vertxVersion() + " (vertx-web), encoding with "
                        + Json.CODEC.getClass().getName() + "; HttpServer listening on " + host + ":"
                        + api.actualPort() + " (event loop)"))
                .onFailure(e -> {
                    System.err.println("vertx: could not start: " + e);
                    vertx.close();
                    System.exit(1);
                });
    }

    /** Vert.x core's version, from the file it ships for that (the fat jar drops the dependencies' manifests). */
    private static String vertxVersion() {
        try (InputStream in = Vertx.class.getResourceAsStream("/META-INF/vertx/vertx-version.txt")) {
            return in == null ? "?" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
