package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The suite's reader of the Prometheus text format takes what the format allows and refuses the rest. */
class PrometheusTextTest {

    @Test
    void readsFamiliesSamplesAndEscapes() {
        PrometheusText.Exposition page = PrometheusText.parse("""
                # HELP requests_total Requests, by path.\\nSecond line with a \\\\ backslash.
                # TYPE requests_total counter
                requests_total{path="/a",rule="$..card.number mask"} 3.0
                requests_total{path="say \\"hi\\"\\n\\\\",rule=""} 1e3 1700000000000
                # a plain comment
                
                # TYPE temperature gauge
                temperature -1.5
                temperature_other NaN
                # TYPE latency histogram
                latency_bucket{le="0.1"} 1
                latency_bucket{le="+Inf"} 2
                latency_sum 0.3
                latency_count 2
                """);
        assertEquals(4, page.families().size());
        PrometheusText.Family requests = page.families().get("requests_total");
        assertEquals("counter", requests.type());
        assertEquals("Requests, by path.\nSecond line with a \\ backslash.", requests.help());
        assertEquals(3.0, page.value("requests_total", Map.of("path", "/a", "rule", "$..card.number mask")));
        assertEquals(1000.0, page.value("requests_total", Map.of("path", "say \"hi\"\n\\", "rule", "")));
        assertEquals(1700000000000L, requests.samples().get(1).timestamp());
        assertEquals(-1.5, page.value("temperature", Map.of()));
        assertTrue(Double.isNaN(page.value("temperature_other", Map.of())));
        PrometheusText.Family latency = page.families().get("latency");
        assertEquals("histogram", latency.type());
        assertEquals(4, latency.samples().size());
        assertEquals("+Inf", latency.samples().get(1).labels().get("le"));
        assertEquals(0.0, page.value("requests_total", Map.of("path", "/never")), "an absent series reads 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "no_newline_at_the_end 1",
            "a 1\r\n",
            "# TYPE a counter\n# TYPE a counter\na 1\n",
            "# HELP a one\n# HELP a two\na 1\n",
            "a 1\n# TYPE a counter\n",
            "# TYPE a kounter\na 1\n",
            "# TYPE a\na 1\n",
            "a 1\nb 1\na{x=\"y\"} 1\n",
            "a 1\na 1\n",
            "a{x=\"1\",x=\"2\"} 1\n",
            "a{__x=\"1\"} 1\n",
            "a{1x=\"1\"} 1\n",
            "a{x=1} 1\n",
            "a{x=\"1\"\n",
            "a{x=\"\\t\"} 1\n",
            "a{x=\"1\" y=\"2\"} 1\n",
            "a{x=\"1\"}1\n",
            "a one\n",
            "a 1 2 3\n",
            "a 1 1.5\n",
            "a\n",
            "1a 1\n",
            "a-b 1\n",
            " a 1\n",
            "# TYPE a counter\na -1\n",
            "# TYPE a counter\na NaN\n",
            "# TYPE h histogram\nh 1\n",
            "# TYPE h histogram\nh_bucket 1\n",
            "# TYPE s summary\ns 1\n",
            "# HELP a bad \\t escape\na 1\n",
    })
    void refusesWhatTheFormatDoesNotAllow(String page) {
        assertThrows(PrometheusText.FormatError.class, () -> PrometheusText.parse(page), page);
    }
}
