package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.policy.LoadResult;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.engine.Decider;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Requests keep the generation they began with; a replaced engine closes after its last request, or its grace. */
class LivePolicyTest {

    static Decider decider(String routeId) {
        LoadResult r = PolicyLoader.parse("p.yaml", """
                version: 1
                routes:
                  - id: %s
                    match: { path: /x }
                    authenticate: none
                """.formatted(routeId), name -> null);
        assertTrue(r.ok(), () -> r.errors().toString());
        return new Decider(r.policy());
    }

    @Test
    void aRequestKeepsItsGenerationAndTheReplacedOneClosesWhenItEnds() {
        Decider first = decider("first");
        LivePolicy live = new LivePolicy(first);
        PolicyGeneration inFlight = live.enter();
        Decider second = decider("second");
        live.replace(second);

        assertSame(first, inFlight.decider(), "a request in flight finishes under the policy it began with");
        PolicyGeneration next = live.enter();
        assertSame(second, next.decider());
        next.exit();

        long now = System.nanoTime();
        live.closeRetired(now);
        assertEquals(1, live.retiringCount(), "a request still uses the replaced engine");
        inFlight.exit();
        live.closeRetired(now);
        assertEquals(0, live.retiringCount());
    }

    @Test
    void aReplacedEngineIsClosedAfterTheGraceEvenIfARequestNeverReportsItsEnd() {
        LivePolicy live = new LivePolicy(decider("first"));
        live.enter(); // never exits
        long replacedAt = System.nanoTime();
        live.replace(decider("second"));
        live.closeRetired(replacedAt + LivePolicy.GRACE.toNanos() / 2);
        assertEquals(1, live.retiringCount());
        live.closeRetired(replacedAt + LivePolicy.GRACE.toNanos() + 1_000_000_000L);
        assertEquals(0, live.retiringCount());
    }

    @Test
    void concurrentRequestsAlwaysGetAGenerationThatWasInForceAndExitIt() throws Exception {
        LivePolicy live = new LivePolicy(decider("g0"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger served = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                started.countDown();
                while (!stop.get()) {
                    PolicyGeneration g = live.enter();
                    g.decider().policy(); // uses it
                    g.exit();
                    served.incrementAndGet();
                }
            });
        }
        started.await();
        Decider last = null;
        for (int i = 1; i <= 50; i++) {
            last = decider("g" + i);
            live.replace(last);
            live.closeRetired(System.nanoTime());
        }
        stop.set(true);
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        live.closeRetired(System.nanoTime());
        assertEquals(0, live.retiringCount(), "every request exited what it entered");
        assertSame(last, live.decider());
        assertNotSame(null, last);
        assertTrue(served.get() > 0);
    }
}
