package dev.warden.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.policy.model.AdminConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code admin:}: loopback unless an address is written out; a malformed one is an error where it is written. */
class AdminParserTest {

    private static LoadResult load(String admin) {
        return PolicyLoader.parse("p.yaml", "version: 1\n" + admin + "\nroutes: []\n", Map.of("ADMIN", "127.0.0.1:19464")::get);
    }

    private static AdminConfig admin(String admin) {
        LoadResult result = load(admin);
        assertTrue(result.ok(), () -> result.errors().toString());
        return result.policy().admin();
    }

    @Test
    void noAdminKeyMeansNoListener() {
        assertNull(PolicyLoader.parse("p.yaml", "version: 1\nroutes: []\n").policy().admin());
    }

    @Test
    void omittedListenIsLoopbackOnTheDefaultPort() {
        AdminConfig c = admin("admin: {}");
        assertEquals(new AdminConfig("127.0.0.1", 9464), c);
        assertTrue(c.loopback());
        assertEquals("127.0.0.1:9464", c.listen());
    }

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1:9464, 127.0.0.1, 9464, true",
            ":19464, 127.0.0.1, 19464, true",
            "19464, 127.0.0.1, 19464, true",
            "localhost:1, 127.0.0.1, 1, true",
            "[::1]:9464, 0:0:0:0:0:0:0:1, 9464, true",
            "127.1.2.3:65535, 127.1.2.3, 65535, true",
            "0.0.0.0:9464, 0.0.0.0, 9464, false",
            "10.1.2.3:9464, 10.1.2.3, 9464, false",
            "[fe80::1]:9464, fe80:0:0:0:0:0:0:1, 9464, false",
    })
    void listenForms(String listen, String host, int port, boolean loopback) {
        AdminConfig c = admin("admin: { listen: \"" + listen + "\" }");
        assertEquals(new AdminConfig(host, port), c);
        assertEquals(loopback, c.loopback());
    }

    @Test
    void listenFromTheEnvironment() {
        assertEquals(new AdminConfig("127.0.0.1", 19464), admin("admin: { listen: \"${env:ADMIN}\" }"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "metrics.internal:9464 | 'metrics.internal' is not an IP address; a host name is not taken",
            "127.0.0.1             | has no port from 1 to 65535",
            "127.0.0.1:0           | has no port from 1 to 65535",
            "127.0.0.1:65536       | has no port from 1 to 65535",
            "127.0.0.1:09464       | has no port from 1 to 65535",
            "::1:9464              | write an IPv6 address in brackets, e.g. [::1]:9464",
            "[::g]:9464            | '[::g]' is not an IPv6 address",
            "[127.0.0.1]:9464      | '[127.0.0.1]' is not an IPv6 address",
            "256.0.0.1:9464        | '256.0.0.1' is not an IP address",
    })
    void malformedAddressIsALocatedError(String listen, String phrase) {
        LoadResult result = load("admin:\n  listen: \"" + listen + "\"");
        assertFalse(result.ok());
        List<PolicyError> errors = result.errors();
        assertEquals(1, errors.size(), errors.toString());
        String text = errors.get(0).format();
        assertTrue(text.startsWith("p.yaml:3:11: admin.listen '" + listen + "'"), text);
        assertTrue(text.contains(phrase), () -> "expected '" + phrase + "' in " + text);
    }

    @Test
    void listenMustBeAString() {
        LoadResult result = load("admin: { listen: 9464 }");
        assertEquals(1, result.errors().size(), result.errors().toString());
        assertTrue(result.errors().get(0).format().startsWith("p.yaml:2:18: admin.listen must be a string"),
                result.errors().toString());
    }

    @Test
    void unknownKeyIsAnError() {
        LoadResult result = load("admin: { port: 9464 }");
        assertEquals(1, result.errors().size(), result.errors().toString());
        assertTrue(result.errors().get(0).format().startsWith("p.yaml:2:10: unknown key 'port' in admin"),
                result.errors().toString());
    }
}
