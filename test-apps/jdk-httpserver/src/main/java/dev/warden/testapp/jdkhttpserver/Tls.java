package dev.warden.testapp.jdkhttpserver;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS from the same environment variables Spring Boot reads (its {@code server.ssl.*} properties), so that the
 * integration suite can start this app with TLS exactly as it starts spring-mvc:
 * <pre>
 * SERVER_SSL_ENABLED=true
 * SERVER_SSL_KEY_STORE=file:/path/server.p12     (file: optional; classpath:NAME also works)
 * SERVER_SSL_KEY_STORE_PASSWORD=...  SERVER_SSL_KEY_STORE_TYPE=PKCS12   SERVER_SSL_KEY_PASSWORD=... (default: the store's)
 * SERVER_SSL_CLIENT_AUTH=none|want|need
 * SERVER_SSL_TRUST_STORE=file:/path/ca.p12  SERVER_SSL_TRUST_STORE_PASSWORD=...  SERVER_SSL_TRUST_STORE_TYPE=PKCS12
 * SERVER_SSL_PROTOCOL=TLS                         (the SSLContext algorithm)
 * </pre>
 * Any other {@code SERVER_SSL_*} variable stops the app at start-up rather than being silently ignored.
 */
final class Tls {

    private static final String PREFIX = "SERVER_SSL_";
    private static final Set<String> KNOWN = Set.of("ENABLED", "KEY_STORE", "KEY_STORE_PASSWORD", "KEY_STORE_TYPE",
            "KEY_PASSWORD", "CLIENT_AUTH", "TRUST_STORE", "TRUST_STORE_PASSWORD", "TRUST_STORE_TYPE", "PROTOCOL");

    /** What the start-up line says about TLS, e.g. "TLS, client auth need". */
    final String description;
    final HttpsConfigurator configurator;

    private Tls(String description, HttpsConfigurator configurator) {
        this.description = description;
        this.configurator = configurator;
    }

    /** The HTTPS set-up the environment asks for, or null for plain HTTP. */
    static Tls fromEnvironment(Map<String, String> env) throws IOException, GeneralSecurityException {
        Set<String> unknown = new TreeSet<>();
        for (String name : env.keySet()) {
            if (name.startsWith(PREFIX) && !KNOWN.contains(name.substring(PREFIX.length()))) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("unsupported TLS settings " + unknown + "; this app understands "
                    + PREFIX + "{" + String.join(",", new TreeSet<>(KNOWN)) + "}");
        }
        String enabled = env.get(PREFIX + "ENABLED");
        String keyStore = env.get(PREFIX + "KEY_STORE");
        if (enabled != null && !enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false")) {
            throw new IllegalStateException(PREFIX + "ENABLED must be true or false, not '" + enabled + "'");
        }
        // As Spring Boot: SSL is on when a key store is configured, unless switched off explicitly.
        if ("false".equalsIgnoreCase(enabled) || (enabled == null && keyStore == null)) {
            return null;
        }
        if (keyStore == null) {
            throw new IllegalStateException(PREFIX + "ENABLED=true needs " + PREFIX + "KEY_STORE");
        }
        char[] storePassword = password(env.get(PREFIX + "KEY_STORE_PASSWORD"));
        String keyPassword = env.get(PREFIX + "KEY_PASSWORD");
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore, env.get(PREFIX + "KEY_STORE_TYPE"), storePassword),
                keyPassword != null ? keyPassword.toCharArray() : storePassword);

        TrustManagerFactory trust = null;
        String trustStore = env.get(PREFIX + "TRUST_STORE");
        if (trustStore != null) {
            trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore, env.get(PREFIX + "TRUST_STORE_TYPE"),
                    password(env.get(PREFIX + "TRUST_STORE_PASSWORD"))));
        }
        String protocol = env.getOrDefault(PREFIX + "PROTOCOL", "TLS");
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);

        String clientAuth = env.getOrDefault(PREFIX + "CLIENT_AUTH", "none").trim().toLowerCase(Locale.ROOT);
        if (!Set.of("none", "want", "need").contains(clientAuth)) {
            throw new IllegalStateException(PREFIX + "CLIENT_AUTH must be none, want or need, not '" + clientAuth + "'");
        }
        HttpsConfigurator configurator = new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                if (clientAuth.equals("need")) {
                    ssl.setNeedClientAuth(true);
                } else if (clientAuth.equals("want")) {
                    ssl.setWantClientAuth(true);
                }
                params.setSSLParameters(ssl);
            }
        };
        return new Tls("TLS, client auth " + clientAuth, configurator);
    }

    private static char[] password(String value) {
        return value == null ? null : value.toCharArray();
    }

    /** A key store from {@code file:PATH}, a plain path, or {@code classpath:NAME}; type default: the JDK's (PKCS12). */
    private static KeyStore load(String location, String type, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type == null || type.isBlank() ? KeyStore.getDefaultType() : type.trim());
        try (InputStream in = open(location)) {
            store.load(in, password);
        }
        return store;
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length());
            InputStream in = Tls.class.getResourceAsStream(name.startsWith("/") ? name : "/" + name);
            if (in == null) {
                throw new IOException(location + " not found");
            }
            return in;
        }
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        return Files.newInputStream(Path.of(path));
    }
}
