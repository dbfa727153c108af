package dev.warden.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Test JWTs, minted at test time: real keys (RSA 2048, EC P-256, Ed25519), their public JWKs, and a builder whose
 * header and claims are plain JSON, so that malformed and hostile tokens are as easy to make as good ones. The
 * compact serialization is assembled here; the signature bytes come from Nimbus JOSE+JWT (RS*, PS*, ES*, HS*) or, for
 * EdDSA (Nimbus would need Google Tink), from the JDK's own Ed25519 {@link Signature}.
 */
public final class Jwt {
    public static final String ISSUER = "https://idp.example.test/";
    public static final String AUDIENCE = "orders-api";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Jwt() {}

    /** A signing key: kid, the JWS algorithm it signs with by default, the key pair, and its public JWK. */
    public record Key(String kid, String alg, PrivateKey privateKey, PublicKey publicKey, JWK publicJwk) {
        @Override
        public String toString() {
            return kid + "(" + alg + ")";
        }
    }

    public static Key rsa(String kid) {
        KeyPair kp = generate("RSA", 2048);
        JWK jwk = new RSAKey.Builder((RSAPublicKey) kp.getPublic()).keyID(kid).keyUse(KeyUse.SIGNATURE).build();
        return new Key(kid, "RS256", kp.getPrivate(), kp.getPublic(), jwk);
    }

    public static Key ec(String kid) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair kp = g.generateKeyPair();
            JWK jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) kp.getPublic()).keyID(kid).keyUse(KeyUse.SIGNATURE).build();
            return new Key(kid, "ES256", kp.getPrivate(), kp.getPublic(), jwk);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Key ed25519(String kid) {
        KeyPair kp = generate("Ed25519", -1);
        byte[] x509 = kp.getPublic().getEncoded();                  // SubjectPublicKeyInfo: 12-byte prefix + 32-byte key
        byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        JWK jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw)).keyID(kid).keyUse(KeyUse.SIGNATURE).build();
        return new Key(kid, "EdDSA", kp.getPrivate(), kp.getPublic(), jwk);
    }

    /** {"keys":[...]} with the public JWKs of {@code keys}. */
    public static String jwks(List<Key> keys) {
        List<JWK> jwks = new ArrayList<>();
        for (Key k : keys) {
            jwks.add(k.publicJwk());
        }
        return new JWKSet(jwks).toString(true);
    }

    /** The public JWK as a JSON tree (for an embedded {@code jwk} header). */
    public static JsonNode jwkJson(Key key) {
        return parse(key.publicJwk().toJSONString());
    }

    /**
     * A token for the standard test audience: iss, aud, sub, iat (10 s ago), exp (in 10 min), jti (random), header
     * typ JWT. Callers add or remove what their case needs.
     */
    public static Builder token(String subject) {
        long now = Instant.now().getEpochSecond();
        Builder b = new Builder();
        b.header.put("typ", "JWT");
        b.claims.put("iss", ISSUER);
        b.claims.put("aud", AUDIENCE);
        b.claims.put("sub", subject);
        b.claims.put("iat", now - 10);
        b.claims.put("exp", now + 600);
        b.claims.put("jti", UUID.randomUUID().toString());
        return b;
    }

    /** Header and claims as JSON objects; {@code sign*} produce the compact serialization. */
    public static final class Builder {
        public final ObjectNode header = Fixture.JSON.createObjectNode();
        public final ObjectNode claims = Fixture.JSON.createObjectNode();

        private Builder() {}

        public Builder header(String name, Object value) {
            header.set(name, Fixture.JSON.valueToTree(value));
            return this;
        }

        public Builder noHeader(String name) {
            header.remove(name);
            return this;
        }

        public Builder claim(String name, Object value) {
            claims.set(name, Fixture.JSON.valueToTree(value));
            return this;
        }

        public Builder noClaim(String name) {
            claims.remove(name);
            return this;
        }

        /** Seconds relative to now, for iat/exp/nbf. */
        public Builder time(String claim, long secondsFromNow) {
            claims.put(claim, Instant.now().getEpochSecond() + secondsFromNow);
            return this;
        }

        /** Signed by {@code key} with its own algorithm; kid = the key's kid unless the header already has one. */
        public String sign(Key key) {
            return sign(key, key.alg());
        }

        /** Signed by {@code key} with {@code alg} (which must suit the key type); header alg = {@code alg}. */
        public String sign(Key key, String alg) {
            if (!header.has("kid")) {
                header.put("kid", key.kid());
            }
            header.put("alg", alg);
            String input = signingInput();
            return input + "." + b64(signature(alg, key.privateKey(), input.getBytes(StandardCharsets.US_ASCII)));
        }

        /** HS256 with {@code secret} as the HMAC key (at least 32 bytes); header alg HS256, kid left as set. */
        public String signHs256(byte[] secret) {
            header.put("alg", "HS256");
            String input = signingInput();
            try {
                Base64URL sig = new MACSigner(secret).sign(new JWSHeader(JWSAlgorithm.HS256), input.getBytes(StandardCharsets.US_ASCII));
                return input + "." + sig;
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** header.claims. with the header's alg as set (e.g. "none"), no signature. */
        public String unsigned() {
            return signingInput() + ".";
        }

        /** base64url(header) "." base64url(claims), the JWS signing input. */
        public String signingInput() {
            return b64(json(header)) + "." + b64(json(claims));
        }
    }

    /** Raw signature bytes (JOSE form: R||S for ECDSA) over {@code input}. */
    public static byte[] signature(String alg, PrivateKey key, byte[] input) {
        try {
            JWSHeader h = new JWSHeader(JWSAlgorithm.parse(alg));
            if (alg.startsWith("RS") || alg.startsWith("PS")) {
                return new RSASSASigner(key).sign(h, input).decode();
            }
            if (alg.startsWith("ES")) {
                return new ECDSASigner((ECPrivateKey) key).sign(h, input).decode();
            }
            if (alg.equals("EdDSA")) {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(key);
                s.update(input);
                return s.sign();
            }
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + alg + " failed", e);
        }
        throw new IllegalArgumentException("unsupported alg " + alg);
    }

    // ---- token surgery ---------------------------------------------------------------------------------------------

    /** The token with one bit of its signature flipped (in the middle of the signature, so never a padding bit). */
    public static String flipSignatureBit(String token) {
        String[] parts = token.split("\\.", -1);
        byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
        sig[sig.length / 2] ^= 0x01;
        return parts[0] + "." + parts[1] + "." + b64(sig);
    }

    /** The token with its claims replaced by {@code claims} (the signature of the original kept). */
    public static String replaceClaims(String token, ObjectNode claims) {
        String[] parts = token.split("\\.", -1);
        return parts[0] + "." + b64(json(claims)) + "." + parts[2];
    }

    /** The token with its header replaced by {@code header} (the signature of the original kept). */
    public static String replaceHeader(String token, ObjectNode header) {
        String[] parts = token.split("\\.", -1);
        return b64(json(header)) + "." + parts[1] + "." + parts[2];
    }

    /** The decoded header or claims (part 0 or 1) of a compact token. */
    public static ObjectNode part(String token, int index) {
        String[] parts = token.split("\\.", -1);
        return (ObjectNode) parse(new String(Base64.getUrlDecoder().decode(parts[index]), StandardCharsets.UTF_8));
    }

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String json(ObjectNode node) {
        return node.toString();
    }

    private static JsonNode parse(String json) {
        try {
            return Fixture.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String algorithm, int size) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (size > 0) {
                g.initialize(size, RANDOM);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
