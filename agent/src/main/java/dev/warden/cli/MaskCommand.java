package dev.warden.cli;

import dev.warden.policy.LoadResult;
import dev.warden.policy.PolicyError;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.auth.ClaimsPreview;
import dev.warden.policy.auth.Identity;
import dev.warden.policy.engine.Decider;
import dev.warden.policy.mask.ByteWireMasker;
import dev.warden.policy.mask.JsonWireMasker;
import dev.warden.policy.mask.MaskPlan;
import dev.warden.policy.mask.Tokenizer;
import dev.warden.policy.model.Consumer;
import dev.warden.policy.model.Policy;
import dev.warden.policy.model.Route;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mask}: what a caller would receive from a route, computed by the agent's own wire engine and rules; and
 * {@code detokenize}: the reverse of {@code tokenize} and {@code fpe} for holders of the key.
 */
final class MaskCommand {

    private static final String MASK_USAGE = "usage: java -jar warden-agent.jar mask POLICY [--route ID] [--consumer ID | --claims FILE] < in.json";
    private static final String DETOKENIZE_USAGE = "usage: java -jar warden-agent.jar detokenize POLICY [--key ID] [--luhn] < values";

    private MaskCommand() {
    }

    static int run(String[] args, InputStream in, PrintStream out) throws IOException {
        if (args.length < 2) return usage(MASK_USAGE);
        Policy policy = load(args[1]);
        if (policy == null) return 1;
        String routeId = null;
        String consumer = null;
        String claims = null;
        for (int i = 2; i < args.length; i++) {
            if (i + 1 >= args.length) return usage(MASK_USAGE);
            switch (args[i]) {
                case "--route" -> routeId = args[++i];
                case "--consumer" -> consumer = args[++i];
                case "--claims" -> claims = args[++i];
                default -> {
                    return usage(MASK_USAGE);
                }
            }
        }
        if (consumer != null && claims != null) return usage(MASK_USAGE);
        if (routeId == null) {
            List<Route> masking = policy.routes().stream()
                    .filter(r -> !r.fieldRules().isEmpty() || !r.allowFields().isEmpty()).toList();
            if (masking.size() != 1) {
                System.err.println("mask: name the route with --route; routes with response rules: "
                        + String.join(", ", masking.stream().map(Route::id).toList()));
                return 2;
            }
            routeId = masking.get(0).id();
        }
        Identity identity = null;
        if (consumer != null) {
            String id = consumer;
            Consumer declared = policy.consumers().stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
            if (declared == null) {
                System.err.println("mask: the policy declares no consumer '" + consumer + "'");
                return 2;
            }
            identity = new Identity(declared.id(), declared.attributes(), Map.of(), Set.of(), Map.of());
        } else if (claims != null) {
            Map<String, Object> json;
            try {
                json = com.nimbusds.jose.util.JSONObjectUtils.parse(Files.readString(Path.of(claims)));
            } catch (java.text.ParseException e) {
                System.err.println("mask: " + claims + " is not a JSON object of claims");
                return 2;
            }
            identity = ClaimsPreview.identity(policy, json);
            if (identity == null) {
                System.err.println("mask: the claims in " + claims + " name no consumer (no sub, or the policy's consumerClaim)");
                return 2;
            }
        }
        MaskPlan plan;
        try (Decider decider = new Decider(policy)) {
            plan = decider.previewPlan(routeId, identity);
        } catch (IllegalArgumentException e) {
            System.err.println("mask: " + e.getMessage());
            return 2;
        }
        if (plan == null) {
            in.transferTo(out);
            out.flush();
            return 0;
        }
        ByteWireMasker masker = new ByteWireMasker(plan, new NonClosing(out));
        try (masker) {
            in.transferTo(masker);
        } catch (JsonWireMasker.MalformedJsonException e) {
            // reported below
        }
        out.println();
        if (masker.failed()) {
            System.err.println("mask: the input is not valid JSON; the output stops where it stopped being JSON (as the agent would)");
            return 1;
        }
        return 0;
    }

    static int detokenize(String[] args, InputStream in, PrintStream out) throws IOException {
        if (args.length < 2) return usage(DETOKENIZE_USAGE);
        Policy policy = load(args[1]);
        if (policy == null) return 1;
        String keyId = null;
        boolean luhn = false;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--key" -> {
                    if (i + 1 >= args.length) return usage(DETOKENIZE_USAGE);
                    keyId = args[++i];
                }
                case "--luhn" -> luhn = true;
                default -> {
                    return usage(DETOKENIZE_USAGE);
                }
            }
        }
        if (policy.tokenKeys().isEmpty()) {
            System.err.println("detokenize: the policy has no tokenization keys");
            return 2;
        }
        Tokenizer tokenizer = new Tokenizer(policy.tokenKeys());
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int failed = 0;
        int n = 0;
        for (String line; (line = lines.readLine()) != null; ) {
            n++;
            if (line.isBlank()) continue;
            String plain = tokenizer.detokenize(line.strip(), keyId, luhn);
            if (plain == null) {
                failed++;
                System.err.println("detokenize: line " + n + " is not a token or value these keys made");
                out.println();
            } else {
                out.println(plain);
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private static Policy load(String file) {
        LoadResult result = PolicyLoader.load(Path.of(file));
        if (result.ok()) return result.policy();
        for (PolicyError e : result.errors()) System.err.println(e.format());
        return null;
    }

    private static int usage(String usage) {
        System.err.println(usage);
        return 2;
    }

    /** The masker closes its target at the end; standard output must stay open for the exit message. */
    private static final class NonClosing extends OutputStream {
        private final OutputStream out;

        NonClosing(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
