package dev.warden.testapp.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small reactive customer API used as the target of Warden's integration tests: Spring WebFlux on Reactor Netty,
 * Boot's default JSON stack (Jackson 3), annotated controllers returning {@code Mono} and {@code Flux}.
 *
 * <p>It deliberately contains no security code of its own: authentication, throttling and masking are what the
 * Warden agent adds from the outside, so anything of that kind here would blur what the tests measure. Run it as
 * {@code PORT=18080 java -jar target/webflux.jar}.
 */
@SpringBootApplication
public class Application {

    public static void main(String[] args) {
        SpringApplication.run(Application.class, args);
    }
}
