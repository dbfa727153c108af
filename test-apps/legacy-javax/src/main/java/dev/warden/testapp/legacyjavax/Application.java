package dev.warden.testapp.legacyjavax;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small customer API used as the target of Warden's integration tests: the spring-mvc app's contract on the
 * legacy stack, Spring Boot 2.7 with embedded Tomcat 9 (javax.servlet 4) and Jackson 2.
 *
 * <p>It deliberately contains no security code of its own: authentication, throttling and
 * masking are what the Warden agent adds from the outside, so anything of that kind here would
 * blur what the tests measure. Run it as {@code PORT=18080 java -jar target/legacy-javax.jar}.
 */
@SpringBootApplication
public class Application {

    public static void main(String[] args) {
        SpringApplication.run(Application.class, args);
    }
}
