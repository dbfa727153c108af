package dev.warden.policy.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;

/**
 * Verifies EdDSA (RFC 8037) and Ed25519 (RFC 9864) JWS signatures with the JDK's own Ed25519 (JDK 15+), so that
 * Google Tink, which Nimbus's {@code Ed25519Verifier} needs, is not required. Rejects any header with {@code crit}
 * parameters, like Nimbus's verifiers, since none is understood. Thread-safe.
 */
final class Ed25519JdkVerifier implements JWSVerifier {

    /** The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (OID 1.3.101.112), followed by the 32 bytes of x. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    private final PublicKey publicKey;
    private final JCAContext jcaContext = new JCAContext();

    /** @throws JOSEException when the key is not an Ed25519 public key the JDK accepts */
    Ed25519JdkVerifier(OctetKeyPair key) throws JOSEException {
        if (!Curve.Ed25519.equals(key.getCurve())) throw new JOSEException("Ed25519JdkVerifier needs an Ed25519 key");
        this.publicKey = publicKey(key.getX().decode());
    }

    /** The JDK public key for the 32 raw bytes of an Ed25519 public key (the JWK's x). */
    static PublicKey publicKey(byte[] x) throws JOSEException {
        if (x == null || x.length != 32) throw new JOSEException("an Ed25519 public key is 32 bytes");
        byte[] der = new byte[X509_PREFIX.length + 32];
        System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
        System.arraycopy(x, 0, der, X509_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("the JDK rejected the Ed25519 public key", e);
        }
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        if (!ALGORITHMS.contains(header.getAlgorithm())) return false;
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) return false;
        byte[] sig = signature.decode();
        if (sig.length != 64) return false;
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(signingInput);
            return verifier.verify(sig);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new JOSEException("Ed25519 is not available in this JDK", e);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return ALGORITHMS;
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}
