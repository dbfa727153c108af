package dev.warden.policy;

import dev.warden.policy.model.AuditConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The policy's {@code audit:} key:
 * {@code { sink: stdout | "file:PATH", maxSize: 100MB, keep: 5, queue: 10000, clearCategories: sampled | all }}.
 */
final class AuditParser {

    private static final Set<String> AUDIT = Set.of("sink", "maxSize", "keep", "queue", "clearCategories");

    private final YamlReader in;
    private final String policyFile;

    AuditParser(YamlReader in, String policyFile) {
        this.in = in;
        this.policyFile = policyFile;
    }

    AuditConfig audit(Node node) {
        Map<String, Node> a = in.fields(node, "audit", AUDIT);
        in.require(a, node, "sink", "audit");
        Path file = null;
        boolean sinkOk = false;
        if (a.containsKey("sink")) {
            String sink = in.string(a.get("sink"), "audit.sink");
            if ("stdout".equals(sink)) {
                sinkOk = true;
            } else if (sink != null && sink.startsWith("file:") && sink.length() > 5) {
                file = resolve(sink.substring(5));
                sinkOk = true;
            } else if (sink != null) {
                in.error(a.get("sink"), "audit.sink must be 'stdout' or 'file:PATH' (e.g. file:/var/log/warden/audit.jsonl), not '" + sink + "'");
            }
        }
        long maxBytes = AuditConfig.DEFAULT_MAX_BYTES;
        if (a.containsKey("maxSize")) {
            String text = in.string(a.get("maxSize"), "audit.maxSize");
            long parsed = text == null ? -1 : Sizes.parse(text);
            if (text != null && parsed < 1024) {
                in.error(a.get("maxSize"), "audit.maxSize '" + text + "' is not a size of at least 1KB; " + Sizes.FORMAT_HINT);
            }
            if (parsed >= 1024) maxBytes = parsed;
        }
        int keep = AuditConfig.DEFAULT_KEEP;
        if (a.containsKey("keep")) {
            Long k = in.integer(a.get("keep"), "audit.keep", 0, 1000);
            if (k != null) keep = k.intValue();
        }
        int queue = AuditConfig.DEFAULT_QUEUE;
        if (a.containsKey("queue")) {
            Long q = in.integer(a.get("queue"), "audit.queue", 16, 10_000_000);
            if (q != null) queue = q.intValue();
        }
        boolean clearOfEveryResponse = false;
        if (a.containsKey("clearCategories")) {
            String c = in.string(a.get("clearCategories"), "audit.clearCategories");
            if ("all".equals(c)) clearOfEveryResponse = true;
            else if (c != null && !"sampled".equals(c)) {
                in.error(a.get("clearCategories"), "audit.clearCategories must be 'sampled' (the responses the inventory "
                        + "reads) or 'all' (every JSON response, at a cost in speed), not '" + c + "'");
            }
        }
        return sinkOk ? new AuditConfig(file, maxBytes, keep, queue, clearOfEveryResponse) : null;
    }

    /** A relative path is taken from the policy file's directory, as a person reading the policy would. */
    private Path resolve(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute() || policyFile == null) return p.normalize();
        Path dir = Path.of(policyFile).toAbsolutePath().getParent();
        return (dir == null ? p : dir.resolve(p)).normalize();
    }
}
