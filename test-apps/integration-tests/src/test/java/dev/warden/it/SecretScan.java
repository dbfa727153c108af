package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every credential a test class used (API keys, tokens, client and signing secrets) and checks, once its app
 * JVMs are stopped, that none of them appears in anything they wrote (stdout and stderr). JWTs are also looked for in
 * pieces (header.claims without the signature, and the signature alone), so a log line that prints half a token counts.
 */
public final class SecretScan {
    private final Map<String, String> secrets = new LinkedHashMap<>();   // value -> what it is
    private final List<AppProcess> apps = new ArrayList<>();

    /** Registers a secret; returns it, so calls can wrap the value where it is made. */
    public synchronized String secret(String what, String value) {
        if (value != null && value.length() >= 8) {
            secrets.putIfAbsent(value, what);
        }
        return value;
    }

    /** Registers a token; a JWT also by its signing input and its signature. Returns the token. */
    public synchronized String token(String what, String token) {
        secret(what, token);
        String[] parts = token.split("\\.", -1);
        if (parts.length == 3) {
            if (parts[2].length() >= 16) {
                secret(what + " (signature)", parts[2]);
            }
            if (parts[1].length() >= 16) {
                secret(what + " (claims part)", parts[0] + "." + parts[1]);
            }
        }
        return token;
    }

    /** Registers HTTP Basic credentials: the secret and the Base64 of "id:secret" as sent on the wire. */
    public synchronized void basic(String what, String id, String secret) {
        secret(what, secret);
        secret(what + " (Basic header)", Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    /** Registers every API key the rendered policy generated. */
    public void keys(PolicyFiles.Policy policy) {
        policy.keys().forEach((consumer, key) -> secret(consumer + " API key", key));
    }

    /** Starts the app, registers it (its output is scanned at the end) and waits until it answers. */
    public AppProcess launch(AppProcess.Builder builder) {
        AppProcess app = builder.start();
        app(app);
        return app.awaitReady();
    }

    public synchronized void app(AppProcess app) {
        if (app != null) {
            apps.add(app);
        }
    }

    public synchronized int size() {
        return secrets.size();
    }

    /**
     * Fails listing every secret found in any registered app's output. Also fails if nothing was registered or no app
     * wrote anything at all, which would make the check vacuous.
     */
    /** Stops the app and the servers around it, then (if the app ran) checks its logs for every registered secret. */
    public void closeAndCheck(AppProcess app, AutoCloseable... others) {
        if (app != null) {
            app.close();
        }
        for (AutoCloseable c : others) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing " + c, e);
                }
            }
        }
        if (app != null) {
            assertNoSecretsInLogs();
        }
    }

    public synchronized void assertNoSecretsInLogs() {
        assertTrue(!secrets.isEmpty(), "no secrets registered: the scan would be vacuous");
        assertTrue(!apps.isEmpty(), "no app output registered: the scan would be vacuous");
        StringBuilder found = new StringBuilder();
        long scanned = 0;
        for (AppProcess app : apps) {
            String out = app.stdoutText() + "\n" + app.stderrText();
            scanned += out.length();
            found.append(findIn(out, app.command().toString()));
        }
        final long total = scanned;
        assertTrue(total > 2 * apps.size(), () -> "the apps wrote nothing at all (" + total + " chars): the scan would be vacuous");
        if (found.length() > 0) {
            fail("secrets found in the apps' output:\n" + found);
        }
    }

    /** What of the registered secrets occurs in {@code text} (empty if none). */
    public synchronized String findIn(String text, String where) {
        StringBuilder found = new StringBuilder();
        for (Map.Entry<String, String> e : secrets.entrySet()) {
            int at = text.indexOf(e.getKey());
            if (at >= 0) {
                int from = text.lastIndexOf('\n', at) + 1;
                int to = text.indexOf('\n', at);
                String line = text.substring(from, to < 0 ? text.length() : to);
                found.append("  ").append(e.getValue()).append(" in the output of ").append(where).append(": ")
                        .append(line.length() > 300 ? line.substring(0, 300) + "..." : line).append('\n');
            }
        }
        return found.toString();
    }
}
