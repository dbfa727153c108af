package dev.warden.policy.engine;

import static dev.warden.policy.engine.DeciderTest.assertDenied;
import static dev.warden.policy.engine.DeciderTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.policy.LoadResult;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.auth.Authenticators;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What each {@code onFailure} does while the shared store cannot answer: a port nothing listens on (refused at
 * once) and a server that accepts and never replies (each call ends at the timeout, then the store is skipped).
 * The real-Redis behaviour (sharing, kill, restart) is in the integration suite.
 */
class SharedStoreFailureTest {

    private final List<String> log = new CopyOnWriteArrayList<>();

    private Decider decider(int port, String onFailure) {
        LoadResult r = PolicyLoader.parse("t.yaml", """
                version: 1
                rateLimitStore:
                  redis: { uri: "redis://127.0.0.1:%d", timeout: 100ms }
                  onFailure: %s
                  instances: 4
                routes:
                  - id: r
                    match: { path: /x }
                    authenticate: none
                    rateLimits: [{ by: ip, limit: 8, per: 1h }]
                """.formatted(port, onFailure), n -> null);
        assertTrue(r.ok(), () -> r.errors().toString());
        return new Decider(r.policy(), Authenticators.forPolicy(r.policy()), log::add);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void localFallbackKeepsLimitDividedByInstances() throws IOException {
        try (Decider d = decider(closedPort(), "local")) {
            int ok = 0;
            for (int i = 0; i < 5; i++) if (!d.decide(get("/x")).denied()) ok++;
            assertEquals(2, ok, "8 / 4 instances");
            assertEquals(1, log.size(), log.toString());
            assertTrue(log.get(0).contains("is unreachable") && log.get(0).contains("limit / 4"), log.get(0));
        }
    }

    @Test
    void allowAdmitsWithoutRateLimitHeaders() throws IOException {
        try (Decider d = decider(closedPort(), "allow")) {
            for (int i = 0; i < 20; i++) {
                Decision decision = d.decide(get("/x"));
                assertFalse(decision.denied());
                assertFalse(decision.headers().contains("RateLimit"), decision.headers().toString());
            }
        }
    }

    @Test
    void denyAnswers503() throws IOException {
        try (Decider d = decider(closedPort(), "deny")) {
            Decision decision = d.decide(get("/x"));
            assertDenied(decision, 503, "deny:limits_unavailable");
            assertEquals(List.of("Retry-After", "1"), decision.headers());
        }
    }

    @Test
    void aServerThatNeverAnswersCostsOneTimeoutThenIsSkipped() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket blackhole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) accepted.add(blackhole.accept()); // read nothing, answer nothing
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (Decider d = decider(blackhole.getLocalPort(), "local")) {
                long first = System.nanoTime();
                assertFalse(d.decide(get("/x")).denied());
                long firstMillis = (System.nanoTime() - first) / 1_000_000;
                // the first request waits for the 100 ms timeout (not for ever); generous bound for a loaded machine
                assertTrue(firstMillis >= 90 && firstMillis < 2_000, firstMillis + " ms");
                long rest = System.nanoTime();
                for (int i = 0; i < 50; i++) d.decide(get("/x"));
                long restMillis = (System.nanoTime() - rest) / 1_000_000;
                assertTrue(restMillis < 1_000, "while the store is down requests do not wait for it (50 timeouts would be 5 s): " + restMillis + " ms for 50");
            }
        } finally {
            for (Socket s : accepted) s.close();
        }
    }
}
