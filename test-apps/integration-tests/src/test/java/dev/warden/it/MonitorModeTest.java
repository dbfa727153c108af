package dev.warden.it;

import static dev.warden.it.Http.assertStatus;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * mode: monitor (the main policy with only the mode changed): every request passes unchanged -- no 401/403/429, no
 * masking -- and the decision that would have been taken is logged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class MonitorModeTest {
    private static final String APP = "spring-mvc";
    /** A log line written for the would-be denial: "would deny", "would_deny", "would-deny" or one naming monitor. */
    private static final Pattern WOULD_DENY = Pattern.compile("(?i)would[ _-]?deny|monitor");

    private PolicyFiles.Policy policy;
    private AppProcess app;
    private Http http;

    @BeforeAll
    void start() {
        policy = PolicyFiles.render("main.yaml", "monitor-" + APP + ".yaml", Map.of("mode", "monitor"));
        app = AppProcess.builder(APP).policy(policy.path()).logName(APP + "-monitor").start().awaitReady();
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void startupLineNamesMonitorMode() {
        Diagnostics.assertStartupLine(app, policy.given(), "monitor", AbstractConformanceSuite.MAIN_POLICY_ROUTES);
    }

    @Test
    void unauthenticatedRequestPassesUnmaskedAndIsLoggedAsWouldDeny() {
        AppProcess.Mark mark = app.mark();
        HttpResponse<String> r = http.get("/api/customers/c-1001", null);
        assertStatus(200, r, app::tail);
        // Unchanged: ssn present, email and card number in clear -- exactly the fixture record.
        Fixture.assertSameJson(Fixture.customer("c-1001"), Http.json(r), () -> Http.describe(r) + "\n" + app.tail());

        // The would-be 401 is logged: a line written after the request (so not the startup line) matching WOULD_DENY.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            String since = app.outputSince(mark);
            if (since.lines().anyMatch(l -> WOULD_DENY.matcher(l).find())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("no log line matching /" + WOULD_DENY + "/ within 5 s after an unauthenticated request in monitor mode;"
                        + " output since the request:\n" + since + "\n" + app.tail());
            }
            AppProcess.sleep(100);
        }
    }

    @Test
    void wrongKeyForbiddenAndOverLimitRequestsPassUnchanged() {
        HttpResponse<String> wrongKey = http.get("/api/customers", PolicyFiles.newApiKey());
        assertStatus(200, wrongKey, app::tail);
        Fixture.assertSameJson(Fixture.customers(), Http.json(wrongKey), () -> Http.describe(wrongKey));

        HttpResponse<String> forbidden = http.get("/api/admin/stats", policy.key("reader"));
        assertStatus(200, forbidden, app::tail);

        String key = policy.key("rl-a");                       // route "limited": 3 per 3 s
        for (int i = 1; i <= 6; i++) {
            HttpResponse<String> r = http.get("/api/customers/c-1003", key);
            final int n = i;
            assertStatus(200, r, () -> "request " + n + " of 6 over a limit of 3 must pass in monitor mode\n" + app.tail());
            Fixture.assertSameJson(Fixture.customer("c-1003"), Http.json(r), () -> Http.describe(r));
        }
    }
}
