package dev.warden.testapp.springmvc;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.PackageVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Refuses to start unless Spring MVC writes JSON with Jackson 3 (tools.jackson).
 *
 * <p>This variant of the spring-mvc app exists to exercise Warden's Jackson 3 instrumentation, so a
 * dependency change that silently switched the JSON stack would make the integration tests pass or
 * fail for the wrong reason. On success it logs one line naming the converter, the mapper class and
 * the jackson-databind version.
 */
@Component
public class JsonStackCheck implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(JsonStackCheck.class);

    private final RequestMappingHandlerAdapter handlerAdapter;
    private final ObjectMapper objectMapper;
    private final Environment environment;

    public JsonStackCheck(RequestMappingHandlerAdapter handlerAdapter, ObjectMapper objectMapper,
            Environment environment) {
        this.handlerAdapter = handlerAdapter;
        this.objectMapper = objectMapper;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        HttpMessageConverter<?> json = handlerAdapter.getMessageConverters().stream()
                .filter(c -> c.canWrite(Customer.class, MediaType.APPLICATION_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No HTTP message converter writes application/json"));
        if (!(json instanceof org.springframework.http.converter.AbstractJacksonHttpMessageConverter<?>)) {
            throw new IllegalStateException("JSON is written by " + json.getClass().getName()
                    + ", not by a Jackson 3 (tools.jackson) converter");
        }
        log.info("spring-mvc-jackson3 test app listening on {}:{}; JSON written by {} with {} (jackson-databind {})",
                environment.getProperty("server.address"), environment.getProperty("local.server.port"),
                json.getClass().getName(), objectMapper.getClass().getName(), PackageVersion.VERSION);
    }
}
