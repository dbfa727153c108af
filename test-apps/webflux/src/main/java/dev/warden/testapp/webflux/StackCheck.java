package dev.warden.testapp.webflux;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.PackageVersion;

/**
 * Refuses to start unless the app is what it claims to be: served by Reactor Netty, JSON written by WebFlux's
 * Jackson 3 (tools.jackson) encoder.
 *
 * <p>This app exists to exercise Warden on the Netty pipeline with Jackson 3, so a dependency change that silently
 * switched the server (Tomcat, Jetty) or the JSON stack would make the integration tests pass or fail for the wrong
 * reason. On success it logs one line, once the server is listening, naming the server, the encoder, the mapper class
 * and the jackson-databind version.
 */
@Component
public class StackCheck implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StackCheck.class);

    private final ApplicationContext context;
    private final ServerCodecConfigurer codecs;
    private final ObjectMapper objectMapper;
    private final Environment environment;

    public StackCheck(ApplicationContext context, ServerCodecConfigurer codecs, ObjectMapper objectMapper,
            Environment environment) {
        this.context = context;
        this.codecs = codecs;
        this.objectMapper = objectMapper;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        WebServer server = context instanceof WebServerApplicationContext web ? web.getWebServer() : null;
        if (!(server instanceof NettyWebServer)) {
            throw new IllegalStateException("Served by " + (server == null ? "no web server" : server.getClass().getName())
                    + ", not by Reactor Netty");
        }
        HttpMessageWriter<?> json = codecs.getWriters().stream()
                .filter(w -> w.canWrite(ResolvableType.forClass(Customer.class), MediaType.APPLICATION_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No HTTP message writer writes application/json"));
        if (!(json instanceof EncoderHttpMessageWriter<?> writer && writer.getEncoder() instanceof JacksonJsonEncoder)) {
            throw new IllegalStateException("JSON is written by " + json + ", not by the Jackson 3 (tools.jackson) encoder");
        }
        log.info("webflux test app listening on {}:{} (Reactor Netty); JSON written by {} with {} (jackson-databind {})",
                environment.getProperty("server.address"), server.getPort(),
                JacksonJsonEncoder.class.getName(), objectMapper.getClass().getName(), PackageVersion.VERSION);
    }
}
