package dev.warden.policy.auth;

import static dev.warden.policy.auth.AuthFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDK-based EdDSA verifier (no Tink): key conversion and verification. */
class Ed25519JdkVerifierTest {

    static TestKey key;
    static TestKey other;
    static final byte[] INPUT = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhbGljZSJ9".getBytes(StandardCharsets.US_ASCII);

    @BeforeAll
    static void keys() {
        key = ed25519("ed");
        other = ed25519("other");
    }

    static Ed25519JdkVerifier verifier(TestKey k) throws JOSEException {
        return new Ed25519JdkVerifier((OctetKeyPair) k.publicJwk());
    }

    static Base64URL sig(TestKey k, byte[] input) {
        return Base64URL.encode(ed25519(k.priv()).apply(input));
    }

    @Test
    void theConvertedKeyIsTheJdkKey() throws Exception {
        byte[] x = ((OctetKeyPair) key.publicJwk()).getX().decode();
        assertArrayEquals(key.pair().getPublic().getEncoded(), Ed25519JdkVerifier.publicKey(x).getEncoded());
        assertEquals("302a300506032b6570032100", java.util.HexFormat.of().formatHex(Arrays.copyOf(key.pair().getPublic().getEncoded(), 12)));
    }

    @Test
    void verifiesAGoodSignatureForEdDsaAndEd25519() throws Exception {
        Ed25519JdkVerifier v = verifier(key);
        assertTrue(v.verify(new JWSHeader(JWSAlgorithm.EdDSA), INPUT, sig(key, INPUT)));
        assertTrue(v.verify(new JWSHeader(JWSAlgorithm.Ed25519), INPUT, sig(key, INPUT)));
        assertEquals(Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519), v.supportedJWSAlgorithms());
        assertNotNull(v.getJCAContext());
    }

    @Test
    void rejectsAnotherKeysSignature() throws Exception {
        assertFalse(verifier(key).verify(new JWSHeader(JWSAlgorithm.EdDSA), INPUT, sig(other, INPUT)));
    }

    @Test
    void rejectsAFlippedBitInSignatureOrInput() throws Exception {
        byte[] s = sig(key, INPUT).decode();
        for (int i : new int[] {0, 31, 32, 63}) {
            byte[] bad = s.clone();
            bad[i] ^= 0x01;
            assertFalse(verifier(key).verify(new JWSHeader(JWSAlgorithm.EdDSA), INPUT, Base64URL.encode(bad)), "byte " + i);
        }
        byte[] input = INPUT.clone();
        input[3] ^= 0x01;
        assertFalse(verifier(key).verify(new JWSHeader(JWSAlgorithm.EdDSA), input, sig(key, INPUT)));
    }

    @Test
    void rejectsWrongLengthSignatures() throws Exception {
        byte[] s = sig(key, INPUT).decode();
        Ed25519JdkVerifier v = verifier(key);
        assertFalse(v.verify(new JWSHeader(JWSAlgorithm.EdDSA), INPUT, Base64URL.encode(Arrays.copyOf(s, 63))));
        assertFalse(v.verify(new JWSHeader(JWSAlgorithm.EdDSA), INPUT, Base64URL.encode(Arrays.copyOf(s, 65))));
        assertFalse(v.verify(new JWSHeader(JWSAlgorithm.EdDSA), INPUT, Base64URL.encode(new byte[0])));
        assertFalse(v.verify(new JWSHeader(JWSAlgorithm.EdDSA), INPUT, Base64URL.encode(new byte[64])));
    }

    @Test
    void rejectsOtherAlgorithmsAndCriticalHeaders() throws Exception {
        Ed25519JdkVerifier v = verifier(key);
        assertFalse(v.verify(new JWSHeader(JWSAlgorithm.ES256), INPUT, sig(key, INPUT)));
        JWSHeader crit = new JWSHeader.Builder(JWSAlgorithm.EdDSA).criticalParams(Set.of("urn:x")).customParam("urn:x", 1).build();
        assertFalse(v.verify(crit, INPUT, sig(key, INPUT)));
    }

    @Test
    void refusesKeysThatAreNotEd25519PublicKeys() {
        byte[] x = ((OctetKeyPair) key.publicJwk()).getX().decode();
        assertThrows(JOSEException.class, () -> new Ed25519JdkVerifier(new OctetKeyPair.Builder(Curve.X25519, Base64URL.encode(x)).build()));
        assertThrows(JOSEException.class, () -> Ed25519JdkVerifier.publicKey(Arrays.copyOf(x, 31)));
        assertThrows(JOSEException.class, () -> Ed25519JdkVerifier.publicKey(null));
    }
}
