package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.policy.engine.Decider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a reload does with each version of the file, and the lines it prints. */
class PolicyReloaderTest {

    private static final String VALID = """
            version: 1
            routes:
              - id: health
                match: { path: /health }
                authenticate: none
            """;

    private final List<String> lines = new ArrayList<>();
    private final PolicyReloads reloads = new PolicyReloads();
    private final LivePolicy live = new LivePolicy(LivePolicyTest.decider("first"));
    private final PolicyReloader reloader = new PolicyReloader("/etc/warden/policy.yaml", live, reloads, lines::add);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aValidVersionIsPutInForceAndSaysSo() {
        Decider before = live.decider();
        reloader.changed(bytes(VALID.replace("version: 1\n", "version: 1\nmode: monitor\n")
                + "  - id: v2\n    match: { path: /v2 }\n    authenticate: none\n    mode: enforce\n"));
        assertNotSame(before, live.decider());
        assertEquals("health", live.policy().routes().get(0).id());
        assertEquals(1, reloads.succeededCount());
        assertEquals(0, reloads.failedCount());
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).matches("warden: policy /etc/warden/policy\\.yaml reloaded: 2 routes, mode monitor "
                + "\\(enforce on route v2\\) \\(\\d+ ms\\)"), lines.get(0));
        assertEquals(1, live.retiringCount(), "the replaced engine waits for the grace or its requests");
    }

    @Test
    void anInvalidVersionIsRejectedWithLocatedErrorsAndTheOldPolicyStays() {
        Decider before = live.decider();
        reloader.changed(bytes(VALID + "    rateLimits: [{ limit: ten, per: 1m }]\n"));
        assertSame(before, live.decider());
        assertEquals(0, reloads.succeededCount());
        assertEquals(1, reloads.failedCount());
        assertTrue(lines.get(0).startsWith("/etc/warden/policy.yaml:6:"), lines.toString());
        assertEquals("warden: WARNING: policy /etc/warden/policy.yaml changed but was not reloaded: 1 error; the policy "
                + "in force stays", lines.get(lines.size() - 1));
    }

    @Test
    void notUtf8AndEmptyFilesAreRejectedToo() {
        Decider before = live.decider();
        reloader.changed(new byte[] {'v', (byte) 0xC3, '(', '\n'});
        reloader.changed(new byte[0]);
        assertSame(before, live.decider());
        assertEquals(2, reloads.failedCount());
        assertTrue(lines.contains("/etc/warden/policy.yaml:1:1: the policy is not valid UTF-8 text"), lines.toString());
    }

    @Test
    void aChangeToStartOnlySettingsIsReportedNotApplied() {
        reloader.changed(bytes(VALID + "audit: { sink: stdout }\n"));
        assertEquals(1, reloads.succeededCount());
        assertEquals("warden: WARNING: policy /etc/warden/policy.yaml: audit changed; read at start only, the change "
                + "applies at the next start", lines.get(1));
    }

    @Test
    void anUnreadableFileKeepsThePolicyAndSaysSo() {
        Decider before = live.decider();
        reloader.unavailable("the file is gone");
        reloader.available();
        assertSame(before, live.decider());
        assertEquals(List.of("warden: WARNING: policy /etc/warden/policy.yaml cannot be read (the file is gone); the "
                        + "policy in force stays until it can be read again",
                "warden: policy /etc/warden/policy.yaml can be read again"), lines);
        assertEquals(0, reloads.failedCount() + reloads.succeededCount());
    }
}
