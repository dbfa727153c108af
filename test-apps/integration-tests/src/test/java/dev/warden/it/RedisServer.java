package dev.warden.it;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Redis server for the cluster-mode tests, never a mock, on a fixed loopback port so that it can be killed
 * and started again at the same address:
 * <ol>
 *   <li>a Testcontainers container of the image named by {@code WARDEN_REDIS_IMAGE} (or system property
 *       {@code warden.redisImage}) when a Docker engine answers — never pulled, since no registry is reachable on
 *       CI (.ci/run builds the image from the host's redis-server); a laptop can name {@code redis:7};</li>
 *   <li>otherwise a {@code redis-server} process from the PATH (.ci/run installs Debian's package);</li>
 *   <li>otherwise the test is skipped, saying why.</li>
 * </ol>
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final GenericContainer<?> container;
    private final String how;
    private Process process;

    private RedisServer(int port, GenericContainer<?> container, String how) {
        this.port = port;
        this.container = container;
        this.how = how;
    }

    public static RedisServer start() {
        int port = freePort();
        String image = System.getProperty("warden.redisImage", System.getenv("WARDEN_REDIS_IMAGE"));
        if (image != null && !image.isBlank() && dockerAvailable()) {
            GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
                    .withExposedPorts(6379)
                    .withImagePullPolicy(name -> false)
                    .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                            new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", port), ExposedPort.tcp(6379))));
            c.start();
            RedisServer server = new RedisServer(port, c, "container " + image);
            server.awaitPing();
            return server;
        }
        String binary = findOnPath("redis-server");
        Assumptions.assumeTrue(binary != null, "no Redis: neither a Docker engine with WARDEN_REDIS_IMAGE nor a redis-server "
                + "on the PATH (.ci/run provides both; apt-get install redis-server is enough)");
        RedisServer server = new RedisServer(port, null, "process " + binary);
        server.startProcess();
        return server;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private void startProcess() {
        try {
            Path logs = Locations.workDir().resolve("logs");
            Files.createDirectories(logs);
            process = new ProcessBuilder(findOnPath("redis-server"), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("redis-" + port + ".log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitPing();
    }

    /** What is serving: "container IMAGE" or "process PATH". */
    public String how() {
        return how;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** SIGKILL: no goodbye to connected clients. */
    public void kill() {
        if (container != null) {
            DockerClientFactory.instance().client().killContainerCmd(container.getContainerId()).exec();
        } else {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ping()) {
            if (System.nanoTime() > deadline) fail("Redis (" + how + ") still answers after being killed");
            AppProcess.sleep(50);
        }
    }

    /** Starts it again, empty, at the same address. */
    public void restart() {
        if (container != null) {
            DockerClientFactory.instance().client().startContainerCmd(container.getContainerId()).exec();
            awaitPing();
        } else {
            startProcess();
        }
    }

    /** Sends one command (inline protocol) and returns the raw reply. */
    public String command(String command) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[65536];
            int n = in.read(buf);
            return n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis (" + how + ") command " + command.split(" ")[0] + " failed", e);
        }
    }

    private boolean ping() {
        try {
            return command("PING").startsWith("+PONG");
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private void awaitPing() {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!ping()) {
            if (System.nanoTime() > deadline) fail("Redis (" + how + ") did not answer PING on port " + port);
            AppProcess.sleep(50);
        }
    }

    @Override
    public void close() {
        if (container != null) container.stop();
        if (process != null) process.destroyForcibly();
    }

    private static String findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) return f.getAbsolutePath();
        }
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin")) {
            File f = new File(dir, name);
            if (f.canExecute()) return f.getAbsolutePath();
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
