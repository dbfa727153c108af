package dev.warden.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the jars under test and the suite's scratch files live (system properties set by Surefire, see pom.xml). */
public final class Locations {
    private Locations() {}

    /** {@code warden.agentJar}, default {@code ../../agent/target/warden-agent.jar} (relative to the module). */
    public static Path agentJar() {
        return path("warden.agentJar", "../../agent/target/warden-agent.jar");
    }

    /** {@code warden.appsDir}: the directory holding the test apps, each at {@code NAME/target/NAME.jar}. */
    public static Path appsDir() {
        return path("warden.appsDir", "..");
    }

    public static Path appJar(String app) {
        return appsDir().resolve(app).resolve("target").resolve(app + ".jar").normalize();
    }

    /** Scratch directory for rendered policies and captured process output. */
    public static Path workDir() {
        Path dir = path("warden.workDir", "target/warden-it");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }

    /** The project version (e.g. 0.1.0-SNAPSHOT), as passed by Surefire. */
    public static String version() {
        return System.getProperty("warden.version", "0.1.0-SNAPSHOT");
    }

    /** The agent jar; fails the calling test (never skips it) if it has not been built. */
    public static Path requireAgentJar() {
        Path jar = agentJar();
        if (!Files.isRegularFile(jar)) {
            fail("Warden agent jar not found at " + jar + " (system property warden.agentJar). Build it first, e.g. "
                    + "`mvn verify` from the repository root, or `mvn -pl agent -am package`; the integration "
                    + "suite does not skip when the agent is missing.");
        }
        return jar;
    }

    /** The test app's executable jar; fails the calling test if it has not been built. */
    public static Path requireAppJar(String app) {
        Path jar = appJar(app);
        if (!Files.isRegularFile(jar)) {
            fail("Test app jar not found at " + jar + " (system property warden.appsDir + /" + app + "/target/" + app
                    + ".jar). Build it first, e.g. `mvn verify` from the repository root, or "
                    + "`mvn -pl test-apps/" + app + " -am package`.");
        }
        return jar;
    }

    private static Path path(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }
}
