package dev.warden.inventory;

import static dev.warden.inventory.Observations.served;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void endpointsShadowsAndSensitiveDataAreShown() {
        String html = HtmlReport.render(OpenApiTest.sampleInventory().view());
        assertTrue(html.contains("<td class=\"path\">/api/customers/{id}</td>"));
        assertTrue(html.contains("<span class=\"badge shadow\">shadow</span>"));
        assertTrue(html.contains("<span class=\"badge cat\">pan</span>"));
        assertTrue(html.contains("<td class=\"mono\">$.card.number</td>"));
        assertTrue(html.contains("id=\"chart\""));
    }

    @Test
    void anEmptyOrFullInventorySaysSo() {
        String empty = HtmlReport.render(new Inventory(1, 3, null, Instant.EPOCH).view());
        assertTrue(empty.contains("No JSON response sampled yet."));
        assertFalse(empty.contains("id=\"capped\""));
        Inventory full = new Inventory(1, 3, null, Instant.EPOCH);
        full.record(served("GET", "/a", null, "r", 200));
        full.record(served("GET", "/b", null, "r", 200));
        String capped = HtmlReport.render(full.view());
        assertTrue(capped.contains("The inventory is full: it keeps 1 endpoints at most. Requests not counted on a listed endpoint: 1."), capped);
    }

    @Test
    void whatTheApplicationNamesIsEscapedEverywhere() {
        Inventory inv = new Inventory(10, 3, null, Instant.EPOCH);
        String evil = "/x/<script>alert(1)</script>&\"'";
        inv.record(served("GET", "/x/y", evil, null, 200, Observations.sampleOf(inv, "GET", "/x/y",
                "{\"<img src=x onerror=alert(2)>\":\"</script><script>alert(3)</script>\"}")));
        String html = HtmlReport.render(inv.view());
        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"));
        assertTrue(html.contains("\\u003cscript\\u003ealert(1)"), "inside the JSON block");
    }

    @Test
    void onlyItsOwnStyleAndScriptMayRunAndNothingIsFetched() throws Exception {
        String html = HtmlReport.render(OpenApiTest.sampleInventory().view());
        Matcher csp = Pattern.compile("content=\"default-src 'none'; style-src '(sha256-[^']+)'; script-src '(sha256-[^']+)'; img-src data:\"")
                .matcher(html);
        assertTrue(csp.find());
        assertEquals(hash(between(html, "<style>", "</style>")), csp.group(1));
        assertEquals(hash(between(html, "<script>", "</script>")), csp.group(2));
        assertFalse(html.contains("http://") && !html.contains("http://www.w3.org/2000/svg"), "no other URL");
        assertFalse(html.contains("https://"));
        assertFalse(html.contains("style=\""), "no inline style attribute (the policy would block it)");
    }

    private static String between(String s, String open, String close) {
        int a = s.indexOf(open) + open.length();
        return s.substring(a, s.indexOf(close, a));
    }

    private static String hash(String text) throws Exception {
        return "sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
