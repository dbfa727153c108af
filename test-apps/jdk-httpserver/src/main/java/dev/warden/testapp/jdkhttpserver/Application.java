package dev.warden.testapp.jdkhttpserver;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.PackageVersion;
import tools.jackson.databind.json.JsonMapper;

/**
 * The spring-mvc test app's customer API, data and debug endpoints, served by the JDK's own
 * {@code com.sun.net.httpserver.HttpServer} (module jdk.httpserver) with Jackson 3 ({@code tools.jackson}) as the
 * JSON library: no framework, no servlet API.
 *
 * <p>It deliberately contains no security code of its own: authentication, throttling and masking are what the
 * Warden agent adds from the outside. Run it as {@code PORT=18080 java -jar target/jdk-httpserver.jar}; it listens
 * on 127.0.0.1 only (it serves fake PII) and prints one line naming its JSON library, server and executor once it is
 * up. Handlers run on virtual threads when the JDK has them (21 and later; found by reflection, as this module
 * compiles for 17), else on a fixed pool of {@value #PLATFORM_THREADS} platform threads;
 * {@code WARDEN_APP_THREADS=platform} forces the pool. Spring Boot's {@code SERVER_SSL_*} variables switch it to
 * HTTPS (see {@link Tls}).
 */
public final class Application {

    static final int PLATFORM_THREADS = 64;

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080").trim());
        // The JDK server leaves Nagle on by default: small chunked writes would wait for delayed ACKs.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }

        // Jackson 3 defaults, but: unknown properties in a POSTed customer are ignored (as Gson and Spring's mapper
        // do), and writeValue(JsonGenerator, ...) does not flush after each value (the export decides when).
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                .build();
        HandledCounter handled = new HandledCounter();
        CustomerStore store = new CustomerStore(mapper);

        Tls tls;
        try {
            tls = Tls.fromEnvironment(System.getenv());
        } catch (IllegalStateException e) {
            System.err.println("jdk-httpserver: " + e.getMessage());
            System.exit(2);
            return;
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        HttpServer server;
        if (tls == null) {
            server = HttpServer.create(address, 128);
        } else {
            HttpsServer https = HttpsServer.create(address, 128);
            https.setHttpsConfigurator(tls.configurator);
            server = https;
        }
        Threads threads = threads("platform".equalsIgnoreCase(System.getenv("WARDEN_APP_THREADS")));
        server.setExecutor(threads.executor());
        server.createContext("/", new Router(mapper, handled, store));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            threads.executor().shutdownNow();
        }, "shutdown"));

        System.out.println("jdk-httpserver: serializing with " + mapper.getClass().getName() + " (jackson-databind "
                + PackageVersion.VERSION + "); " + (tls == null ? "HttpServer" : "HttpsServer") + " listening on "
                + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + " (executor: " + threads.description() + (tls == null ? "" : "; " + tls.description) + ")");
    }

    /** The handlers' executor and what the start-up line calls it. */
    record Threads(ExecutorService executor, String description) {
    }

    /**
     * {@code Executors.newVirtualThreadPerTaskExecutor()} on a JDK that has virtual threads (feature version 21 and
     * later), unless {@code forcePlatform}; otherwise a fixed pool of platform threads.
     */
    static Threads threads(boolean forcePlatform) throws ReflectiveOperationException {
        if (!forcePlatform && Runtime.version().feature() >= 21) {
            Method virtual = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return new Threads((ExecutorService) virtual.invoke(null), "virtual threads");
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "http-" + count.incrementAndGet());
            thread.setDaemon(true);   // the server's own dispatcher thread keeps the JVM up
            return thread;
        };
        return new Threads(Executors.newFixedThreadPool(PLATFORM_THREADS, factory), "platform threads");
    }
}
