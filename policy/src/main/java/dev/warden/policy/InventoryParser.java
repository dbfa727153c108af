package dev.warden.policy;

import dev.warden.policy.model.InventoryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The policy's {@code inventory:} key:
 * {@code { file: inventory.json, html: inventory.html, every: 1m, maxEndpoints: 1000, samples: 3 }}, every part
 * optional ({@code inventory: {}} keeps it in memory, for the admin listener).
 */
final class InventoryParser {

    private static final Set<String> INVENTORY = Set.of("file", "html", "every", "maxEndpoints", "samples");

    private final YamlReader in;
    private final String policyFile;

    InventoryParser(YamlReader in, String policyFile) {
        this.in = in;
        this.policyFile = policyFile;
    }

    InventoryConfig inventory(Node node) {
        Map<String, Node> f = in.fields(node, "inventory", INVENTORY);
        Path file = f.containsKey("file") ? path(f.get("file"), "inventory.file") : null;
        Path html = f.containsKey("html") ? path(f.get("html"), "inventory.html") : null;
        Duration every = InventoryConfig.DEFAULT_EVERY;
        if (f.containsKey("every")) {
            Duration d = in.duration(f.get("every"), "inventory.every");
            if (d != null && d.compareTo(Duration.ofSeconds(1)) < 0) {
                in.error(f.get("every"), "inventory.every must be at least 1s: the files are rewritten whole each time");
            } else if (d != null) {
                every = d;
            }
        }
        int maxEndpoints = InventoryConfig.DEFAULT_MAX_ENDPOINTS;
        if (f.containsKey("maxEndpoints")) {
            Long n = in.integer(f.get("maxEndpoints"), "inventory.maxEndpoints", 1, 100_000);
            if (n != null) maxEndpoints = n.intValue();
        }
        int samples = InventoryConfig.DEFAULT_SAMPLES;
        if (f.containsKey("samples")) {
            Long n = in.integer(f.get("samples"), "inventory.samples", 0, 100);
            if (n != null) samples = n.intValue();
        }
        if (file != null && file.equals(html)) {
            in.error(f.get("html"), "inventory.html must name another file than inventory.file");
        }
        return new InventoryConfig(file, html, every, maxEndpoints, samples);
    }

    private Path path(Node node, String what) {
        String text = in.string(node, what);
        if (text == null) return null;
        if (text.isBlank()) {
            in.error(node, what + " must name a file");
            return null;
        }
        Path p;
        try {
            p = Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            in.error(node, what + " '" + text + "' is not a file path: " + e.getReason());
            return null;
        }
        // a relative path is taken from the policy file's directory, as a person reading the policy would
        if (p.isAbsolute() || policyFile == null) return p.normalize();
        Path dir = Path.of(policyFile).toAbsolutePath().getParent();
        return (dir == null ? p : dir.resolve(p)).normalize();
    }
}
