package dev.warden.testapp.micronaut;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.jackson.databind.JacksonDatabindMapper;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to serve unless Micronaut writes JSON with Jackson databind through the application's ObjectMapper, and
 * then logs the one line that says the app is up (its JSON stack and address).
 *
 * <p>Micronaut can also write JSON with Micronaut Serialization (serde), which never calls Jackson databind; this
 * app exists to exercise Warden's Jackson 2 hooks under Micronaut's classic Jackson integration, so a dependency
 * change that silently switched the JSON stack would make the integration tests pass or fail for the wrong reason.
 */
@Singleton
public class StartupReport implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final JsonMapper jsonMapper;
    private final ObjectMapper objectMapper;

    public StartupReport(JsonMapper jsonMapper, ObjectMapper objectMapper) {
        this.jsonMapper = jsonMapper;
        this.objectMapper = objectMapper;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (!(jsonMapper instanceof JacksonDatabindMapper jackson)) {
            throw new IllegalStateException("JSON is written by " + jsonMapper.getClass().getName()
                    + ", not by Micronaut's Jackson databind integration");
        }
        if (jackson.getObjectMapper() != objectMapper) {
            throw new IllegalStateException("Micronaut's JsonMapper does not use the application's ObjectMapper bean");
        }
        EmbeddedServer server = event.getSource();
        log.info("micronaut test app listening on {}:{}; JSON written by {} with {} (jackson-databind {})",
                server.getHost(), server.getPort(), jsonMapper.getClass().getName(),
                objectMapper.getClass().getName(), PackageVersion.VERSION);
    }
}
