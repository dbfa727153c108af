package dev.warden.runtime;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.spi.HttpServerProvider;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;

/**
 * Creates the JDK's own {@link HttpServer}. {@code HttpServer.create} would look providers up with the system class
 * loader, which at premain is the application's class path: an application shipping one (Jetty's http-spi, for
 * instance) would have its classes loaded, before Warden hooks them, and would serve Warden's listener.
 */
final class JdkHttpServers {

    private static final String PROVIDER_PACKAGE = "sun.net.httpserver";
    private static final String PROVIDER = PROVIDER_PACKAGE + ".DefaultHttpServerProvider";

    private JdkHttpServers() {
    }

    /** An unbound-to-nothing-else server on {@code address}; {@code inst} null when Warden runs without an agent (tests). */
    static HttpServer create(Instrumentation inst, InetSocketAddress address, int backlog) throws IOException {
        HttpServerProvider jdk = jdkProvider(inst);
        return jdk != null ? jdk.createHttpServer(address, backlog) : HttpServer.create(address, backlog);
    }

    /** The JDK's provider, or null when its package cannot be opened to Warden (then the JDK's lookup decides). */
    private static HttpServerProvider jdkProvider(Instrumentation inst) {
        try {
            Module httpserver = HttpServer.class.getModule();
            Module warden = JdkHttpServers.class.getModule();
            if (!httpserver.isExported(PROVIDER_PACKAGE, warden)) {
                if (inst == null) return null;
                inst.redefineModule(httpserver, Set.of(), Map.of(PROVIDER_PACKAGE, Set.of(warden)), Map.of(), Set.of(), Map.of());
            }
            Class<?> type = Class.forName(PROVIDER, true, HttpServer.class.getClassLoader());
            return (HttpServerProvider) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Log.debug("the JDK's HttpServer provider is not reachable (" + e + "); the JDK's lookup chooses one");
            return null;
        }
    }
}
