package dev.warden.policy.auth;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimsTest {

    @Test
    void plainValuesAreMapListStringLongDoubleBoolean() {
        Map<String, Object> m = Claims.plain(Map.of("i", 3, "f", 1.5f, "big", new BigInteger("12"), "dec", new BigDecimal("2.50"),
                "date", new Date(1_700_000_000_123L), "arr", new Object[] {1, "x"}, "nested", Map.of("l", List.of(true))));
        assertEquals(3L, m.get("i"));
        assertEquals(1.5, m.get("f"));
        assertEquals(12L, m.get("big"));
        assertEquals(2.5, m.get("dec"));
        assertEquals(1_700_000_000L, m.get("date"));
        assertEquals(List.of(1L, "x"), m.get("arr"));
        assertEquals(Map.of("l", List.of(true)), m.get("nested"));
        assertThrows(UnsupportedOperationException.class, () -> m.put("x", 1));
    }

    @Test
    void dotPathsFindNestedAndDottedNames() {
        Map<String, Object> c = Claims.plain(Map.of(
                "realm_access", Map.of("roles", List.of("a")),
                "https://x.example/roles", List.of("b"),
                "https://x.example", Map.of("tier", "gold"),
                "a.b", Map.of("c", 1)));
        assertEquals(List.of("a"), Claims.at(c, "realm_access.roles"));
        assertEquals(List.of("b"), Claims.at(c, "https://x.example/roles"));
        assertEquals("gold", Claims.at(c, "https://x.example.tier"));
        assertEquals(1L, Claims.at(c, "a.b.c"));
        assertNull(Claims.at(c, "realm_access.roles.x"));
        assertNull(Claims.at(c, "nothing"));
    }

    @Test
    void scopesComeFromScopeAndScp() {
        assertEquals(Set.of("a", "b", "c"), Claims.scopes(Map.of("scope", " a  b ", "scp", List.of("c", 5))));
        assertEquals(Set.of(), Claims.scopes(Map.of("scope", 7)));
    }
}
