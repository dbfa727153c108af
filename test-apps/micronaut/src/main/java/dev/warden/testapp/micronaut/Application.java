package dev.warden.testapp.micronaut;

import io.micronaut.runtime.Micronaut;

/**
 * A small customer API used as the target of Warden's integration tests: the spring-mvc test app's contract, data and
 * debug endpoints as an ordinary Micronaut 4 application (Netty HTTP server, Jackson databind as its JSON stack).
 *
 * <p>It deliberately contains no security code of its own: authentication, throttling and masking are what the
 * Warden agent adds from the outside. Run it as {@code PORT=18080 java -jar target/micronaut.jar}; it listens on
 * 127.0.0.1 only (it serves fake PII, see {@code application.properties}) and logs one line naming its JSON stack
 * and address once it is up ({@link StartupReport}).
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        // No ASCII-art banner: it is printed before application.properties is read, so it is switched off here.
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
