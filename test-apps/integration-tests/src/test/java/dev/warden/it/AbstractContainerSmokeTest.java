package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * As a user's CI would check it: a Spring Boot test app inside a container, the agent jar and the policy mounted, the agent
 * enabled only through {@code JAVA_TOOL_OPTIONS}; a subset of the suite against it. The image comes from
 * {@code WARDEN_JDK_IMAGE} (or -Dwarden.jdkImage): a public JDK image by default; on machines without a registry, one
 * built locally ({@code .ci/jdk-image.sh}, which CI runs). Skipped, saying so, where there is no Docker engine or the
 * image cannot be had.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
abstract class AbstractContainerSmokeTest {

    /** The test app to run (a Spring Boot one: it listens where SERVER_ADDRESS says). */
    protected abstract String appName();

    private static final String DEFAULT_IMAGE = "eclipse-temurin:17-jre";

    private GenericContainer<?> container;
    private PolicyFiles.Policy policy;
    private Http http;

    @BeforeAll
    void start() {
        Assumptions.assumeTrue(dockerAvailable(), "no Docker engine: the container smoke test is skipped");
        String configured = System.getProperty("warden.jdkImage", System.getenv("WARDEN_JDK_IMAGE"));
        boolean local = configured != null && !configured.isBlank();
        // without a configured image, the public one: only where a registry can be reached (pulls retry for minutes)
        Assumptions.assumeTrue(local || registryReachable(), "no image registry is reachable and WARDEN_JDK_IMAGE is not set "
                + "(build one from this machine's JDK with .ci/jdk-image.sh NAME:TAG): the container smoke test is skipped");
        String image = local ? configured : DEFAULT_IMAGE;
        policy = PolicyFiles.render("main.yaml", "main-container-" + appName() + ".yaml", Map.of("mode", "enforce"));
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
                .withCopyFileToContainer(MountableFile.forHostPath(Locations.requireAgentJar()), "/warden/warden-agent.jar")
                .withCopyFileToContainer(MountableFile.forHostPath(policy.path()), "/warden/policy.yaml")
                .withCopyFileToContainer(MountableFile.forHostPath(Locations.requireAppJar(appName())), "/app/app.jar")
                .withEnv("JAVA_TOOL_OPTIONS", "-javaagent:/warden/warden-agent.jar=policy=/warden/policy.yaml")
                .withEnv("PORT", "8080")
                .withEnv("SERVER_ADDRESS", "0.0.0.0") // the app listens on loopback unless told otherwise
                .withCommand("java", "-Xmx256m", "-jar", "/app/app.jar")
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/health").forPort(8080).forStatusCode(200)
                        .withStartupTimeout(Duration.ofSeconds(150)));
        // a locally built image (configured) is never pulled: no registry may be reachable
        if (local) c = c.withImagePullPolicy(name -> false);
        try {
            c.start();
        } catch (RuntimeException e) {
            throw new AssertionError("the app did not start in its container:\n" + c.getLogs(), e);
        }
        container = c;
        http = new Http(container.getMappedPort(8080));
    }

    @AfterAll
    void stop() {
        if (container != null) container.stop();
    }

    private static boolean registryReachable() {
        try {
            java.net.InetAddress.getByName("registry-1.docker.io");
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Test
    void theAgentStartedFromJavaToolOptionsWithTheMountedPolicy() {
        String logs = container.getLogs();
        assertTrue(logs.contains("Picked up JAVA_TOOL_OPTIONS"), logs);
        assertTrue(logs.contains("policy /warden/policy.yaml"), logs);
    }

    @Test
    void noKeyIs401WithAChallenge() {
        HttpResponse<String> r = http.get("/api/customers", null);
        Http.assertProblem(401, r, container::getLogs);
        assertTrue(r.headers().firstValue("WWW-Authenticate").isPresent(), Http.describe(r));
    }

    @Test
    void readerGetsTheMaskedFixture() {
        HttpResponse<String> r = http.get("/api/customers", policy.key("reader"));
        Http.assertStatus(200, r, container::getLogs);
        Fixture.assertSameJson(Fixture.protect(Fixture.customers()), Http.json(r), () -> r.body());
    }

    @Test
    void unmatchedPathsNeverReachTheApp() {
        HttpResponse<String> r = http.get("/internal/secrets", policy.key("reader"));
        assertEquals(404, r.statusCode(), Http.describe(r));
    }
}
