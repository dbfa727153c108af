package dev.warden.cli;

import dev.warden.policy.LoadResult;
import dev.warden.policy.PolicyError;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.auth.AuthResult;
import dev.warden.policy.auth.Authenticator;
import dev.warden.policy.auth.Authenticators;
import dev.warden.policy.engine.Decider;
import dev.warden.policy.engine.Decision;
import dev.warden.policy.model.Policy;
import dev.warden.policy.model.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code explain}: what the agent would do with one request under a policy, without sending it. The decision is the
 * engine's own ({@link Decider#decide}), on a request built from the command line; this class only reads it out.
 * Exit status: 0 the request reaches the application, 1 Warden refuses it, 2 usage or policy error.
 */
final class ExplainCommand {

    static final String USAGE = "usage: java -jar warden-agent.jar explain POLICY --path PATH[?QUERY] [--method GET]"
            + " [--header 'Name: value']... [--ip ADDRESS] [--cert CLIENT.pem]";
    static final int ALLOWED = 0;
    static final int DENIED = 1;
    static final int ERROR = 2;

    private ExplainCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || args[1].startsWith("--")) return usage(err, null);
        String method = "GET";
        String path = null;
        String ip = "127.0.0.1";
        String certFile = null;
        List<String[]> headers = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            if (i + 1 >= args.length) return usage(err, args[i] + " needs a value");
            String value = args[++i];
            switch (args[i - 1]) {
                case "--method" -> method = value;
                case "--path" -> path = value;
                case "--ip" -> ip = value;
                case "--cert" -> certFile = value;
                case "--header" -> {
                    String[] header = header(value);
                    if (header == null) return usage(err, "a header is 'Name: value'");
                    headers.add(header);
                }
                default -> {
                    return usage(err, "unknown option " + args[i - 1]);
                }
            }
        }
        if (path == null || !path.startsWith("/")) return usage(err, "--path /... is required");
        if (!method.matches("[A-Za-z]+")) return usage(err, "--method takes an HTTP method name");
        X509Certificate[] certificates = null;
        if (certFile != null) {
            certificates = certificates(certFile, err);
            if (certificates == null) return ERROR;
        }
        LoadResult loaded = PolicyLoader.load(Path.of(args[1]));
        if (!loaded.ok()) {
            for (PolicyError e : loaded.errors()) err.println(e.format());
            return ERROR;
        }
        Policy policy = LocalBuckets.of(loaded.policy());
        ExplainRequest request = new ExplainRequest(method, path, headers, ip, certificates);
        Map<String, Authenticator> authenticators = Authenticators.forPolicy(policy);
        try (Decider decider = new Decider(policy, authenticators, message -> err.println("warden: " + message))) {
            Decision decision = decider.decide(request);
            try {
                Map<String, AuthResult> credentials = credentials(decision.route(), authenticators, request);
                new ExplainReport(policy, request, credentials, decision, out).print();
            } finally {
                decision.complete();
            }
            return decision.denied() ? DENIED : ALLOWED;
        }
    }

    /**
     * What the given credentials amount to, method by method (the same authenticators the decision used, so their
     * caches answer): for the route's methods, or every configured one on a route open to anonymous callers, where
     * a valid credential still names the caller. Nothing for a request that matches no route.
     */
    private static Map<String, AuthResult> credentials(Route route, Map<String, Authenticator> authenticators,
                                                       ExplainRequest request) {
        Map<String, AuthResult> out = new LinkedHashMap<>();
        if (route == null) return out;
        List<String> methods = route.authenticate().anonymousAllowed() ? List.copyOf(authenticators.keySet())
                : route.authenticate().methods();
        for (String m : methods) {
            Authenticator a = authenticators.get(m);
            if (a != null) out.put(m, a.authenticate(request));
        }
        return out;
    }

    /** {@code Name: value} (the value may be empty); null when there is no colon or no name. */
    static String[] header(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) return null;
        String name = text.substring(0, colon).strip();
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127)) return null;
        return new String[] {name, text.substring(colon + 1).strip()};
    }

    private static X509Certificate[] certificates(String file, PrintStream err) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            X509Certificate[] chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(c -> (X509Certificate) c).toArray(X509Certificate[]::new);
            if (chain.length > 0) return chain;
            err.println("explain: no certificate in " + file);
        } catch (IOException | CertificateException e) {
            err.println("explain: cannot read a PEM certificate from " + file + " (" + e.getMessage() + ")");
        }
        return null;
    }

    private static int usage(PrintStream err, String problem) {
        if (problem != null) err.println("explain: " + problem);
        err.println(USAGE);
        return ERROR;
    }
}
