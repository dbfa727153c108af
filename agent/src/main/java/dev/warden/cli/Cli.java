package dev.warden.cli;

import dev.warden.policy.LoadResult;
import dev.warden.policy.PolicyError;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.model.Policy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** {@code java -jar warden-agent.jar VERB ...}: the operator's commands. */
public final class Cli {

    private static final String USAGE = String.join("\n",
            "usage: java -jar warden-agent.jar <command>",
            "  check POLICY     validate a policy file; prints FILE:LINE:COL errors (exit 1) or a summary (exit 0)",
            "  hash-key         read an API key from standard input, print the sha256 line for a policy",
            "  mask POLICY [--route ID] [--consumer ID | --claims FILE] < in.json",
            "                   print what that caller would receive (the agent's wire engine and rules)",
            "  detokenize POLICY [--key ID] [--luhn] < values",
            "                   reverse tok_ tokens and fpe values, one per line (needs the tokenization keys)",
            "  explain POLICY --path PATH [--method M] [--header 'Name: value']... [--ip ADDRESS] [--cert CLIENT.pem]",
            "                   what the agent would do with that request: route, authentication, authorization,",
            "                   limits, masking (exit 0 allowed, 1 denied, 2 usage or policy error)",
            "  attach PID [policy=PATH]",
            "                   load Warden into a running JVM (same user); PATH defaults to the target's",
            "                   -Dwarden.policy or WARDEN_POLICY",
            "  inventory diff OLD.json NEW.json",
            "                   new, gone and changed endpoints between two API inventories (exit 0 same, 1 not)",
            "  inventory html INVENTORY.json [OUT.html]",
            "                   the HTML report of a saved API inventory",
            "  version          print Warden's version");

    private Cli() {
    }

    public static int run(String[] args, String version) throws IOException {
        PrintStream out = System.out;
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        switch (args[0]) {
            case "check":
                if (args.length != 2) {
                    System.err.println("usage: java -jar warden-agent.jar check POLICY");
                    return 2;
                }
                return check(args[1], out);
            case "hash-key":
                return hashKey(out);
            case "mask":
                return MaskCommand.run(args, System.in, out);
            case "detokenize":
                return MaskCommand.detokenize(args, System.in, out);
            case "explain":
                return ExplainCommand.run(args, out, System.err);
            case "attach":
                return AttachCommand.run(args, out, System.err);
            case "inventory":
                return InventoryCommand.run(args, out, System.err);
            case "version":
                out.println("Warden " + version);
                return 0;
            default:
                System.err.println("unknown command '" + args[0] + "'\n" + USAGE);
                return 2;
        }
    }

    /** The same loader, the same messages as the agent at startup. */
    static int check(String file, PrintStream out) {
        LoadResult result = PolicyLoader.load(Path.of(file));
        if (!result.ok()) {
            for (PolicyError e : result.errors()) out.println(e.format());
            out.println(result.errors().size() + (result.errors().size() == 1 ? " error" : " errors") + " in " + file);
            return 1;
        }
        Policy p = result.policy();
        out.println(file + ": OK (version 1, mode " + p.mode().name().toLowerCase(Locale.ROOT) + ", "
                + p.routes().size() + " routes, " + p.consumers().size() + " consumers)");
        return 0;
    }

    /** Reads the key from stdin (never from the command line, where it would land in shell history). */
    static int hashKey(PrintStream out) throws IOException {
        String key = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (key == null || key.isEmpty()) {
            System.err.println("hash-key: give the key on standard input, e.g. printf %s \"$KEY\" | java -jar warden-agent.jar hash-key");
            return 2;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            out.println("- sha256: \"" + HexFormat.of().formatHex(digest) + "\"");
            return 0;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
