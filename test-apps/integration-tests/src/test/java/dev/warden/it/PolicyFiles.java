package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders policy templates ({@code src/test/resources/policies/*.yaml}) into {@code target/warden-it/policies/}.
 * <ul>
 *   <li>{@code {{sha256:NAME}}} becomes the hex SHA-256 of a fresh API key for NAME, generated with SecureRandom at
 *       render time (same NAME in one template = same key). Only the digest is written; the plaintext key is
 *       available to the test through {@link Policy#key(String)}.</li>
 *   <li>{@code {{var:NAME}}} becomes the value given for NAME.</li>
 * </ul>
 */
public final class PolicyFiles {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(sha256|var):([A-Za-z0-9_.-]+)}}");

    private PolicyFiles() {}

    /** A rendered policy: its absolute path, the generated plaintext keys by consumer id, and its text. */
    public record Policy(Path path, Map<String, String> keys, String text) {
        /** The plaintext API key generated for {@code consumer}. */
        public String key(String consumer) {
            String key = keys.get(consumer);
            if (key == null) {
                fail("policy " + path + " has no generated key for consumer '" + consumer + "' (known: " + keys.keySet() + ")");
            }
            return key;
        }

        /** The path exactly as the suite passes it to the agent (absolute, normalized). */
        public String given() {
            return path.toString();
        }

        /** 1-based number of the only line containing {@code marker}. */
        public int lineOf(String marker) {
            List<String> lines = text.lines().toList();
            int found = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(marker)) {
                    assertEquals(-1, found, "marker '" + marker + "' occurs more than once in " + path);
                    found = i + 1;
                }
            }
            assertTrue(found > 0, "marker '" + marker + "' not found in " + path);
            return found;
        }
    }

    public static Policy render(String template, String outputName) {
        return render(template, outputName, Map.of());
    }

    public static Policy render(String template, String outputName, Map<String, String> vars) {
        String source = readTemplate(template);
        Map<String, String> keys = new LinkedHashMap<>();
        Matcher m = PLACEHOLDER.matcher(source);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String value;
            if (m.group(1).equals("sha256")) {
                value = sha256Hex(keys.computeIfAbsent(name, n -> newApiKey()));
            } else {
                value = vars.get(name);
                if (value == null) {
                    fail("template " + template + " needs a value for {{var:" + name + "}}");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        String text = out.toString();
        assertTrue(!text.contains("{{"), "unrendered placeholder left in " + template);
        Path path = policyDir().resolve(outputName);
        try {
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Policy(path, Map.copyOf(keys), text);
    }

    /** An absolute path in the policy directory where no file exists. */
    public static Path missing(String name) {
        Path path = policyDir().resolve(name);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    /** A fresh random API key (256 bits, URL-safe Base64, "wk_" prefix). */
    public static String newApiKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "wk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Lower-case hex SHA-256 of the key's UTF-8 bytes. */
    public static String sha256Hex(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path policyDir() {
        Path dir = Locations.workDir().resolve("policies");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static String readTemplate(String template) {
        try (InputStream in = PolicyFiles.class.getResourceAsStream("/policies/" + template)) {
            if (in == null) {
                fail("policy template not found on the test classpath: policies/" + template);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
