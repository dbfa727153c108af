package dev.warden.policy.auth;

import dev.warden.policy.engine.RequestView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * mTLS: the identity of a client certificate the server has already verified against its trust store (Warden does
 * not re-verify chains; it maps). The first {@link MtlsIdentity} whose subject, SAN or fingerprint matches the leaf
 * certificate names the consumer; a certificate that matches none is rejected.
 */
public final class MtlsAuthenticator implements Authenticator {

    private record Matcher(MtlsIdentity identity, Pattern pattern) {
    }

    private final List<Matcher> matchers = new ArrayList<>();

    public MtlsAuthenticator(List<MtlsIdentity> identities) {
        for (MtlsIdentity id : identities) {
            String glob = id.subject() != null ? id.subject() : id.san();
            matchers.add(new Matcher(id, glob == null ? null : globToRegex(glob)));
        }
    }

    @Override
    public String method() {
        return "mtls";
    }

    @Override
    public AuthResult authenticate(RequestView request) {
        X509Certificate[] chain = request.clientCertificates();
        if (chain == null || chain.length == 0) return AuthResult.ABSENT;
        X509Certificate leaf = chain[0];
        String subject = leaf.getSubjectX500Principal().getName(X500Principal.RFC2253);
        List<String> sans = subjectAlternativeNames(leaf);
        String fingerprint = fingerprint(leaf);
        for (Matcher m : matchers) {
            MtlsIdentity id = m.identity();
            boolean match = id.sha256() != null ? id.sha256().equals(fingerprint)
                    : id.subject() != null ? m.pattern().matcher(subject).matches()
                    : sans.stream().anyMatch(s -> m.pattern().matcher(s).matches());
            if (match) {
                Map<String, Object> cert = new LinkedHashMap<>();
                cert.put("subject", subject);
                cert.put("sans", sans);
                cert.put("sha256", fingerprint);
                return AuthResult.ok(new Identity(id.consumer(), Map.of(), Map.of(), Set.of(), cert));
            }
        }
        return AuthResult.invalid(null);
    }

    private static List<String> subjectAlternativeNames(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans == null) return out;
            for (List<?> san : sans) {
                // 2 = dNSName, 6 = uniformResourceIdentifier (SPIFFE IDs)
                Object type = san.get(0);
                if ((Integer.valueOf(2).equals(type) || Integer.valueOf(6).equals(type)) && san.get(1) instanceof String s) out.add(s);
            }
        } catch (CertificateParsingException e) {
            // no usable SANs
        }
        return out;
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            return "";
        }
    }

    /** A glob where {@code *} matches any run of characters and everything else is literal. */
    static Pattern globToRegex(String glob) {
        String[] parts = glob.split("\\*", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) re.append(".*");
            re.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(re.toString());
    }
}
