package dev.warden.testapp.legacyjavax;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import javax.servlet.ServletContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Refuses to start unless the app runs on the legacy stack it exists for: a javax.servlet container (Servlet 4,
 * Tomcat 9) with Spring MVC writing JSON through the application's Jackson 2 ObjectMapper.
 *
 * <p>This app exercises Warden's javax.servlet instrumentation; a dependency change that silently brought in a
 * jakarta.servlet container or another JSON library would make the integration tests pass or fail for the wrong
 * reason. On success it logs one line naming the server, the Servlet version, the converter, the mapper class and
 * the jackson-databind version.
 */
@Component
public class StackCheck implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StackCheck.class);

    private final RequestMappingHandlerAdapter handlerAdapter;
    private final ObjectMapper objectMapper;
    private final ServletContext servletContext;
    private final Environment environment;

    public StackCheck(RequestMappingHandlerAdapter handlerAdapter, ObjectMapper objectMapper,
            ServletContext servletContext, Environment environment) {
        this.handlerAdapter = handlerAdapter;
        this.objectMapper = objectMapper;
        this.servletContext = servletContext;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (servletContext.getMajorVersion() > 4) {
            throw new IllegalStateException("Servlet " + servletContext.getMajorVersion()
                    + " is not the javax.servlet 4 of Tomcat 9: " + servletContext.getServerInfo());
        }
        if (ClassUtils.isPresent("jakarta.servlet.Servlet", getClass().getClassLoader())) {
            log.warn("jakarta.servlet is on the classpath; this app must only have javax.servlet");
        }
        HttpMessageConverter<?> json = handlerAdapter.getMessageConverters().stream()
                .filter(c -> c.canWrite(Customer.class, MediaType.APPLICATION_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No HTTP message converter writes application/json"));
        if (!(json instanceof AbstractJackson2HttpMessageConverter jackson2)) {
            throw new IllegalStateException("JSON is written by " + json.getClass().getName()
                    + ", not by a Jackson 2 (com.fasterxml.jackson) converter");
        }
        if (jackson2.getObjectMapper() != objectMapper) {
            throw new IllegalStateException("The JSON converter does not use the application's ObjectMapper bean");
        }
        log.info("legacy-javax test app listening on {}:{}; {} (Servlet {}.{}), JSON written by {} with {} "
                        + "(jackson-databind {})",
                environment.getProperty("server.address"), environment.getProperty("local.server.port"),
                servletContext.getServerInfo(), servletContext.getMajorVersion(), servletContext.getMinorVersion(),
                json.getClass().getName(), jackson2.getObjectMapper().getClass().getName(), PackageVersion.VERSION);
    }
}
