package dev.warden.policy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.warden.policy.model.LimitKey;
import dev.warden.policy.model.LimitKey.Kind;
import dev.warden.policy.model.LimitKey.Part;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bucket keys: each part isolates callers, a missing part falls back to the address, composites cannot collide. */
class LimitContextTest {

    private static Caller caller(String id, Map<String, Object> claims) {
        return new Caller(id, Map.of(), claims, Set.of(), Map.of(), List.of("jwt"));
    }

    private static String key(Caller caller, LimitKey by) {
        return new LimitContext("r", caller, DeciderTest.get("/x").header("X-Tenant", "t1"), Map.of("id", "7"), "192.0.2.1").key(by);
    }

    private static LimitKey by(Part... parts) {
        return new LimitKey(List.of(parts));
    }

    @Test
    void claimKeysFollowADottedPathAndFallBackToTheAddress() {
        LimitKey org = by(new Part(Kind.CLAIM, "org.id"));
        String a = key(caller("u1", Map.of("org", Map.of("id", "acme"))), org);
        String b = key(caller("u2", Map.of("org", Map.of("id", "globex"))), org);
        String sameOrg = key(caller("u3", Map.of("org", Map.of("id", "acme"))), org);
        assertNotEquals(a, b);
        assertEquals(a, sameOrg, "two users of one organisation share its bucket");
        assertEquals("ip:192.0.2.1", key(caller("u4", Map.of("org", "flat")), org), "not an object: no claim");
        assertEquals("ip:192.0.2.1", key(caller("u5", Map.of()), org));
        assertEquals("ip:192.0.2.1", key(caller("u6", Map.of("org", Map.of("id", List.of("x")))), org),
                "a list is not a key value");
    }

    @Test
    void everyKindOfPart() {
        Caller c = caller("acme", Map.of());
        assertEquals("c:acme", key(c, by(new Part(Kind.CONSUMER, null))));
        assertEquals("ip:192.0.2.1", key(Caller.ANONYMOUS, by(new Part(Kind.CONSUMER, null))));
        assertEquals("ip:192.0.2.1", key(c, by(new Part(Kind.IP, null))));
        assertEquals("r:r", key(c, by(new Part(Kind.ROUTE, null))));
        assertEquals("h:t1", key(c, by(new Part(Kind.HEADER, "x-tenant"))));
        assertEquals("p:7", key(c, by(new Part(Kind.PARAM, "id"))));
        assertEquals("ip:192.0.2.1", key(c, by(new Part(Kind.PARAM, "other"))));
    }

    @Test
    void compositeValuesCannotForgeEachOther() {
        LimitKey two = by(new Part(Kind.CONSUMER, null), new Part(Kind.CLAIM, "t"));
        String x = key(caller("a", Map.of("t", "b|c")), two);
        String y = key(caller("a|b", Map.of("t", "c")), two);
        assertNotEquals(x, y);
    }
}
