package dev.warden.testapp.springmvc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Refuses to start unless Spring MVC writes JSON with the application's Jackson 2 ObjectMapper.
 *
 * <p>Spring Boot 4 defaults to Jackson 3 ({@code tools.jackson}); this app exists to exercise
 * Warden's Jackson 2 instrumentation, so a dependency change that silently switched the JSON
 * stack would make the integration tests pass or fail for the wrong reason. On success it logs
 * one line naming the converter, the mapper class and the jackson-databind version.
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
    // Spring 7 deprecates its Jackson 2 converter for removal; looking at it is the point here.
    @SuppressWarnings("removal")
    public void run(ApplicationArguments args) {
        HttpMessageConverter<?> json = handlerAdapter.getMessageConverters().stream()
                .filter(c -> c.canWrite(Customer.class, MediaType.APPLICATION_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No HTTP message converter writes application/json"));
        if (!(json instanceof org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter jackson2)) {
            throw new IllegalStateException("JSON is written by " + json.getClass().getName()
                    + ", not by a Jackson 2 (com.fasterxml.jackson) converter");
        }
        if (jackson2.getObjectMapper() != objectMapper) {
            throw new IllegalStateException("The JSON converter does not use the application's ObjectMapper bean");
        }
        if (ClassUtils.isPresent("tools.jackson.databind.ObjectMapper", getClass().getClassLoader())) {
            log.warn("Jackson 3 (tools.jackson) is on the classpath; it should have been excluded");
        }
        log.info("spring-mvc test app listening on {}:{}; JSON written by {} with {} (jackson-databind {})",
                environment.getProperty("server.address"), environment.getProperty("local.server.port"),
                json.getClass().getName(), jackson2.getObjectMapper().getClass().getName(), PackageVersion.VERSION);
    }
}
