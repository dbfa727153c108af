package dev.warden.policy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathCanonicalizerTest {

    private static final List<String> ADMIN_STATS = List.of("api", "admin", "stats");

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/admin/stats",
            "/api//admin/stats",
            "//api/admin//stats//",
            "/api/./admin/stats",
            "/api/customers/../admin/stats",
            "/api/customers/c-1/../../admin/./stats",
            "/api/admin/stats;x=1",
            "/api;jsessionid=1/admin;a=b;c=d/stats;x",
            "/api/%61dmin/stats",
            "/%61%70%69/admin/%73tats",
            "/api/admin/stats/",
            "/api/..;x=1/api/admin/stats",
            "/api/%2e/admin/stats",
            "/api/x/%2e%2e/admin/stats",
            "/api/x/.%2E/admin/stats",
    })
    void spellingsOfTheSamePathHaveTheSameSegments(String raw) {
        assertEquals(ADMIN_STATS, PathCanonicalizer.segments(raw));
    }

    @Test
    void rootAndNonAscii() {
        assertEquals(List.of(), PathCanonicalizer.segments("/"));
        assertEquals(List.of(), PathCanonicalizer.segments("/./"));
        assertEquals(List.of(), PathCanonicalizer.segments("/a/.."));
        assertEquals(List.of("caf\u00e9", "a b"), PathCanonicalizer.segments("/caf%C3%A9/a%20b"));
        assertEquals(List.of("caf\u00e9"), PathCanonicalizer.segments("/caf\u00e9"));
        assertEquals(List.of("a+b", "~x"), PathCanonicalizer.segments("/a+b/%7Ex"), "'+' is not a space in a path");
    }

    /** An encoded {@code ..} is a {@code ..}: resolved like a plain one, never kept as a literal segment. */
    @Test
    void encodedDotDotIsResolvedNeverKept() {
        assertEquals(List.of("x"), PathCanonicalizer.segments("/api/%2e%2e/x"));
        assertEquals(List.of("x"), PathCanonicalizer.segments("/api/%2E./x"));
        assertEquals(List.of("admin"), PathCanonicalizer.segments("/api/customers/%2e%2e/%2e%2e/admin"));
        for (String raw : List.of("/api/%2e%2e/x", "/a/%2e%2e;x/b", "/a/b/.%2e")) {
            List<String> segments = PathCanonicalizer.segments(raw);
            if (segments != null) {
                assertFalse(segments.contains(".."), raw + " -> " + segments);
                assertFalse(segments.contains("."), raw + " -> " + segments);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "api/admin",
            "/..",
            "/../api/admin",
            "/api/../..",
            "/%2e%2e/api",
            "/api/admin%2Fstats",
            "/api/admin%2fstats",
            "/api/admin%5Cstats",
            "/api/admin\\stats",
            "/api/%252e%252e/x",
            "/api/admin%3Bx=1/stats",
            "/a/%zz",
            "/a/%4",
            "/a/%",
            "/a/%g1",
            "/a/%ff",
            "/a/%c3",
            "/a/%c3%28",
            "/a/%ed%a0%80",
            "/a/%00",
            "/a/%0a",
            "/a/%0D%0A",
            "/a/%1f",
            "/a/%7f",
            "/a/x\ty",
            "/a/x\u0000",
    })
    void ambiguousPathsAreRefused(String raw) {
        assertNull(PathCanonicalizer.segments(raw), raw);
    }

    @Test
    void nullIsRefused() {
        assertNull(PathCanonicalizer.segments(null));
    }

    @Test
    void supplementaryCharactersSurviveDecoding() {
        assertEquals(List.of("x", "\uD83D\uDE00A"), PathCanonicalizer.segments("/x/\uD83D\uDE00%41"));
    }

    @Test
    void c1ControlCharactersAreRefused() {
        assertNull(PathCanonicalizer.segments("/a/%C2%85"));
        assertNull(PathCanonicalizer.segments("/a/%C2%80"));
    }
}
