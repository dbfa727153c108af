package dev.warden.policy.mask;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.policy.model.FieldAction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The public JSONTestSuite parsing corpus (Nicolas Seriot, MIT; read from ../shared/corpora when present, skipped
 * otherwise): the byte engine accepts every y_ document, rejects every n_ document, and for those it accepts,
 * passes the bytes through unchanged when no rule applies. i_ documents may go either way but must not crash.
 * One deliberate exception: an empty or whitespace-only body (n_single_space, n_structure_no_data) is let through.
 */
class JsonTestSuiteTest {

    private static Path corpus() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/corpora/JSONTestSuite/test_parsing");
            if (Files.isDirectory(c)) return c;
        }
        return null;
    }

    @Test
    void acceptsWhatJsonAcceptsAndRejectsTheRest() throws IOException {
        Path dir = corpus();
        Assumptions.assumeTrue(dir != null, "JSONTestSuite corpus not found (../shared/corpora/JSONTestSuite); skipped");
        MaskPlan plan = new MaskPlan(List.of(MaskCursorTest.rule(FieldAction.REMOVE, "$..never-present")));
        List<String> wrong = new ArrayList<>();
        int files = 0;
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.sorted().toList()) {
                String name = f.getFileName().toString();
                byte[] in = Files.readAllBytes(f);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteWireMasker m = new ByteWireMasker(plan, out);
                try {
                    m.write(in);
                } catch (JsonWireMasker.MalformedJsonException e) {
                    // see failed()
                } catch (RuntimeException e) {
                    wrong.add(name + ": crashed with " + e);
                    continue;
                }
                m.close();
                files++;
                if (name.startsWith("y_") && m.failed()) wrong.add(name + ": rejected valid JSON");
                // an empty (or whitespace-only) body carries no value: let through on purpose
                boolean empty = new String(in, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank();
                if (name.startsWith("n_") && !m.failed() && !empty) wrong.add(name + ": accepted invalid JSON");
                if (!m.failed() && !java.util.Arrays.equals(in, out.toByteArray())) wrong.add(name + ": bytes changed");
            }
        }
        assertTrue(files > 300, files + " files");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
