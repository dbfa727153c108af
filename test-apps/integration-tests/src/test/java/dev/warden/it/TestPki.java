package dev.warden.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * A throw-away PKI made with the JDK's {@code keytool} at test time: a CA (EC P-256), server and client certificates it
 * issues ({@code -gencert}, with SAN / EKU extensions), and self-signed impostors. Key stores for the server are written
 * as PKCS12 files; clients get an {@link SSLContext} that always offers their certificate.
 */
public final class TestPki {
    private final Path dir;
    private final String password;
    private final X509Certificate caCert;

    /** A key and its chain (leaf first). */
    public record Identity(String name, PrivateKey key, X509Certificate[] chain) {
        public X509Certificate leaf() {
            return chain[0];
        }

        /** Lower-case hex SHA-256 of the leaf's DER encoding. */
        public String sha256() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf().getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The subject as RFC 2253 text. */
        public String subject() {
            return leaf().getSubjectX500Principal().getName();
        }
    }

    /** A certificate to issue: alias (file name), -dname, and extra -ext options for -gencert. */
    public record Request(String alias, String dname, List<String> extensions) {}

    private TestPki(Path dir, String password, X509Certificate caCert) {
        this.dir = dir;
        this.password = password;
        this.caCert = caCert;
    }

    /** Makes a new CA in {@code dir} (emptied first). */
    public static TestPki create(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String password = PolicyFiles.newApiKey().substring(3, 23).replace('-', 'x').replace('_', 'y');
        keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=Warden Test CA,O=Warden Test", "-ext", "bc:c", "-startdate", "-1d", "-validity", "3",
                "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
        try {
            KeyStore ca = load(dir.resolve("ca.p12"), password);
            return new TestPki(dir, password, (X509Certificate) ca.getCertificate("ca"));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String password() {
        return password;
    }

    public X509Certificate caCert() {
        return caCert;
    }

    /** Issues all {@code requests} (keytool runs in parallel, two at a time), by alias. */
    public Map<String, Identity> issue(List<Request> requests) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Map<String, Future<Identity>> futures = new LinkedHashMap<>();
            for (Request r : requests) {
                futures.put(r.alias(), pool.submit(() -> issue(r)));
            }
            Map<String, Identity> out = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Identity>> e : futures.entrySet()) {
                out.put(e.getKey(), e.getValue().get(120, TimeUnit.SECONDS));
            }
            return out;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** genkeypair, certreq, gencert (signed by the CA, validity from yesterday, 2 days). */
    public Identity issue(Request r) {
        String ks = r.alias() + ".p12";
        keytool(dir, "-genkeypair", "-alias", r.alias(), "-keyalg", "EC", "-groupname", "secp256r1", "-dname", r.dname(),
                "-keystore", ks, "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
        keytool(dir, "-certreq", "-alias", r.alias(), "-keystore", ks, "-storepass", password, "-file", r.alias() + ".csr");
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", password,
                "-infile", r.alias() + ".csr", "-outfile", r.alias() + ".pem", "-rfc", "-startdate", "-1d", "-validity", "2"));
        for (String ext : r.extensions()) {
            gencert.add("-ext");
            gencert.add(ext);
        }
        keytool(dir, gencert.toArray(String[]::new));
        try {
            PrivateKey key = (PrivateKey) load(dir.resolve(ks), password).getKey(r.alias(), password.toCharArray());
            X509Certificate leaf;
            try (InputStream in = Files.newInputStream(dir.resolve(r.alias() + ".pem"))) {
                leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            leaf.verify(caCert.getPublicKey());
            return new Identity(r.alias(), key, new X509Certificate[] {leaf, caCert});
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("loading " + r.alias(), e);
        }
    }

    /** A self-signed certificate (not from the CA) with the given subject. */
    public Identity selfSigned(String alias, String dname) {
        String ks = alias + ".p12";
        keytool(dir, "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-startdate", "-1d", "-validity", "2", "-keystore", ks, "-storetype", "PKCS12", "-storepass", password,
                "-keypass", password);
        try {
            KeyStore store = load(dir.resolve(ks), password);
            PrivateKey key = (PrivateKey) store.getKey(alias, password.toCharArray());
            X509Certificate cert = (X509Certificate) store.getCertificate(alias);
            return new Identity(alias, key, new X509Certificate[] {cert});
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS12 file holding {@code identity}'s key and chain (alias = its name), protected by {@link #password()}. */
    public Path keyStore(Identity identity) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(identity.name(), identity.key(), password.toCharArray(), identity.chain());
            Path file = dir.resolve(identity.name() + "-keystore.p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                ks.store(out, password.toCharArray());
            }
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS12 file trusting only the CA, protected by {@link #password()}. */
    public Path trustStore() {
        try {
            Path file = dir.resolve("truststore.p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                trustKeyStore().store(out, password.toCharArray());
            }
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** TLS that trusts the CA and, if {@code identity} is not null, always offers its certificate. */
    public SSLContext client(Identity identity) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustKeyStore());
            KeyManager[] kms = null;
            if (identity != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry(identity.name(), identity.key(), password.toCharArray(), identity.chain());
                KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
                kmf.init(ks, password.toCharArray());
                kms = new KeyManager[] {new FixedAliasKeyManager((X509KeyManager) kmf.getKeyManagers()[0], identity.name())};
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kms, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore trustKeyStore() throws GeneralSecurityException, IOException {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", caCert);
        return ts;
    }

    private static KeyStore load(Path file, String password) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }

    static void keytool(Path dir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.add("-J-XX:TieredStopAtLevel=1");
        cmd.add("-J-XX:+UseSerialGC");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                fail("keytool failed: " + String.join(" ", cmd) + "\n" + new String(out));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Offers its one certificate whatever the server asks for (so that an impostor's certificate is really sent). */
    private static final class FixedAliasKeyManager extends X509ExtendedKeyManager {
        private final X509KeyManager delegate;
        private final String alias;

        FixedAliasKeyManager(X509KeyManager delegate, String alias) {
            this.delegate = delegate;
            this.alias = alias;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {alias};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return alias;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return alias;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String a) {
            return delegate.getCertificateChain(a);
        }

        @Override
        public PrivateKey getPrivateKey(String a) {
            return delegate.getPrivateKey(a);
        }
    }
}
