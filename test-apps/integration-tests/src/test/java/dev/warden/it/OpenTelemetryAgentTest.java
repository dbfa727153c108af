package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Warden next to the OpenTelemetry Java agent (from Maven Central), on spring-mvc: the whole conformance suite with
 * OpenTelemetry's agent loaded first, and again with it loaded after Warden's. Exporters are off (nothing listens
 * for them here); the agent still instruments Tomcat, Spring and Jackson, which is what could get in Warden's way.
 */
class OpenTelemetryAgentTest {

    static final Path OTEL = Path.of(System.getProperty("warden.otelAgentJar", "target/otel/opentelemetry-javaagent.jar"));

    static List<String> otel() {
        return List.of("-javaagent:" + OTEL, "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
                "-Dotel.logs.exporter=none");
    }

    /** OpenTelemetry's agent first, Warden's second. */
    @Nested
    class OpenTelemetryFirst extends AbstractConformanceSuite {
        @Override
        protected String appName() {
            return "spring-mvc";
        }

        @Override
        protected List<String> extraJvmArgs() {
            return otel();
        }

        @Test
        void bothAgentsAreLoaded() {
            assertBothAgents(app);
        }

        @Override
        protected List<String> unexpectedOutput() {
            return withoutOpenTelemetrysOwnWarning(super.unexpectedOutput());
        }
    }

    /** Warden's agent first, OpenTelemetry's second. */
    @Nested
    class WardenFirst extends AbstractConformanceSuite {
        @Override
        protected String appName() {
            return "spring-mvc";
        }

        @Override
        protected List<String> extraJvmArgsAfterAgent() {
            return otel();
        }

        @Test
        void bothAgentsAreLoaded() {
            assertBothAgents(app);
        }

        @Override
        protected List<String> unexpectedOutput() {
            return withoutOpenTelemetrysOwnWarning(super.unexpectedOutput());
        }
    }

    /**
     * The JVM says "Sharing is only supported for boot loader classes because bootstrap classpath has been appended"
     * for OpenTelemetry's agent, which appends its jar to the boot class path (Warden's does not): not Warden's.
     */
    static List<String> withoutOpenTelemetrysOwnWarning(List<String> symptoms) {
        return symptoms.stream().filter(s -> !s.startsWith("Sharing is only supported")).toList();
    }

    static void assertBothAgents(AppProcess app) {
        assertTrue(Files.isRegularFile(OTEL), "the OpenTelemetry agent jar is missing: " + OTEL);
        String out = app.stdoutText() + app.stderrText();
        assertTrue(out.contains("opentelemetry-javaagent"), () -> "no sign of the OpenTelemetry agent starting\n" + app.tail());
        assertTrue(!out.contains("Javaagent failed to start") && !out.contains("ClassCircularityError"),
                () -> "the OpenTelemetry agent failed next to Warden's\n" + app.tail());
    }
}
