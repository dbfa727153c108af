package dev.warden.policy.auth;

import java.util.function.Consumer;

/**
 * Where the authenticators report trouble with their dependencies (JWKS endpoint, introspection endpoint). Messages
 * never contain a token, a key or a secret. Standard error by default; tests replace the sink.
 */
final class AuthLog {

    static volatile Consumer<String> sink = message -> System.err.println("warden: " + message);

    private AuthLog() {
    }

    static void warn(String message) {
        try {
            sink.accept(message);
        } catch (RuntimeException e) {
            // logging never breaks a request
        }
    }

    /** A URL as it may appear in a log line: scheme, host, port and path, never user info or a query. */
    static String where(String url) {
        try {
            java.net.URI u = java.net.URI.create(url);
            if (u.getScheme() == null) return "(invalid location)";
            if (u.getScheme().equals("file")) return "file:" + u.getPath();
            return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "") + (u.getPath() == null ? "" : u.getPath());
        } catch (IllegalArgumentException e) {
            return "(invalid location)";
        }
    }

    /** An exception as it may appear in a log line: its type and, for an I/O failure in its causes, the JDK's message. */
    static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.io.IOException && c.getMessage() != null) return c.getClass().getSimpleName() + ": " + c.getMessage();
            if (c instanceof java.util.concurrent.TimeoutException) return "timed out";
            if (c instanceof java.text.ParseException) return "not a valid document";
        }
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
