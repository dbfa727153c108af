package dev.warden.policy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternTest {

    private static PathPattern pattern(String text) {
        String[] problem = new String[1];
        PathPattern p = PathPattern.parse(text, problem);
        assertNotNull(p, () -> text + " rejected: " + problem[0]);
        assertEquals(text, p.toString());
        return p;
    }

    /** Captures when {@code path} (a canonical path written with slashes) matches, else null. */
    private static Map<String, String> match(String pattern, String path) {
        return pattern(pattern).match(PathPattern.segmentsOf(path));
    }

    @Test
    void doubleStarMatchesZeroOrMoreSegments() {
        assertEquals(Map.of(), match("/api/customers/**", "/api/customers"));
        assertEquals(Map.of(), match("/api/customers/**", "/api/customers/c-1"));
        assertEquals(Map.of(), match("/api/customers/**", "/api/customers/c-1/raw"));
        assertNull(match("/api/customers/**", "/api/customer"));
        assertNull(match("/api/customers/**", "/api/customersx/c-1"));
        assertNull(match("/api/customers/**", "/api"));
        assertNull(match("/api/customers/**", "/v2/api/customers"));
        assertEquals(Map.of(), match("/**", "/"));
        assertEquals(Map.of(), match("/**", "/anything/at/all"));
        assertEquals(Map.of(), match("/api/**/raw", "/api/raw"));
        assertEquals(Map.of(), match("/api/**/raw", "/api/a/b/raw"));
        assertNull(match("/api/**/raw", "/api/a/b/raw/x"));
    }

    @Test
    void singleStarIsExactlyOneSegment() {
        assertEquals(Map.of(), match("/api/*/x", "/api/a/x"));
        assertNull(match("/api/*/x", "/api/x"));
        assertNull(match("/api/*/x", "/api/a/b/x"));
        assertNull(match("/api/*/x", "/api/a/x/y"));
    }

    @Test
    void namesCaptureOneSegment() {
        assertEquals(Map.of("id", "c-1"), match("/api/customers/{id}", "/api/customers/c-1"));
        assertEquals(Map.of("id", "c-1", "orderId", "o 9"),
                match("/api/customers/{id}/orders/{orderId}", "/api/customers/c-1/orders/o 9"));
        assertNull(match("/api/customers/{id}", "/api/customers"));
        assertNull(match("/api/customers/{id}", "/api/customers/c-1/raw"));
        assertEquals(Map.of("id", "c-1"), match("/api/customers/{id}/**", "/api/customers/c-1/raw/x"));
        assertEquals(Map.of("id", "b"), match("/**/{id}/end", "/a/b/end"), "backtracking keeps the right capture");
    }

    @Test
    void literalsAreExactAndCaseSensitive() {
        assertEquals(Map.of(), match("/health", "/health"));
        assertNull(match("/health", "/health/x"));
        assertNull(match("/health", "/Health"));
        assertNull(match("/health", "/"));
        assertEquals(Map.of(), match("/", "/"));
        assertNull(match("/", "/health"));
    }

    @Test
    void matchesCanonicalSegmentsFromTheCanonicalizer() {
        List<String> segments = PathCanonicalizer.segments("/api/customers/../admin/%73tats;x=1");
        assertEquals(Map.of("what", "stats"), pattern("/api/admin/{what}").match(segments));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "api          | must start with '/'",
            "''           | must start with '/'",
            "/a//b        | has an empty segment",
            "/a/          | has an empty segment",
            "/a/**b       | segment '**b' is not valid",
            "/a/b**       | segment 'b**' is not valid",
            "/a/{1x}      | segment '{1x}' is not valid",
            "/a/{id       | segment '{id' is not valid",
            "/a/{id}x     | segment '{id}x' is not valid",
            "/a/{}        | segment '{}' is not valid",
    })
    void invalidPatternsAreRejected(String text, String reason) {
        String[] problem = new String[1];
        assertNull(PathPattern.parse(text.equals("''") ? "" : text, problem));
        assertTrue(problem[0] != null && problem[0].contains(reason), () -> text + ": " + problem[0]);
    }
}
