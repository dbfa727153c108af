package dev.warden.policy.mask;

import dev.warden.policy.model.TokenKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The keyed actions: {@code hash} (HMAC-SHA-256, hex, {@code h_}), {@code tokenize} (deterministic and reversible
 * with the key: AES-256-GCM under a synthetic IV, the HMAC of the value, so equal values give equal tokens and
 * joins still work; {@code tok_}) and {@code fpe} (NIST SP 800-38G FF1 over the digits, Bouncy Castle; other
 * characters stay where they are). The first key is active; the others only serve {@link #detokenize} (rotation).
 * Every subkey is derived from the key's secret with HMAC and a purpose label, so no two actions share a key.
 */
public final class Tokenizer {

    /** Digit strings shorter than this are not encrypted by FF1 (radix 10 needs 10^6 possible values). */
    public static final int FPE_MIN_DIGITS = 6;
    private static final int IV_BYTES = 12;

    private record Keys(String id, byte[] hash, byte[] enc, byte[] iv, byte[] fpe) {
    }

    private final Keys[] keys;

    public Tokenizer(List<TokenKey> keys) {
        if (keys.isEmpty()) throw new IllegalArgumentException("no tokenization key");
        this.keys = keys.stream().map(k -> new Keys(k.id(), derive(k.secret(), "warden/hash"),
                Arrays.copyOf(derive(k.secret(), "warden/tokenize/enc"), 32), derive(k.secret(), "warden/tokenize/iv"),
                Arrays.copyOf(derive(k.secret(), "warden/fpe"), 32))).toArray(Keys[]::new);
    }

    private static byte[] derive(byte[] secret, String purpose) {
        return hmac(secret, purpose.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    public String activeKeyId() {
        return keys[0].id;
    }

    public String hash(String value) {
        return "h_" + HexFormat.of().formatHex(hmac(keys[0].hash, value.getBytes(StandardCharsets.UTF_8)));
    }

    public String tokenize(String value) {
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        byte[] iv = Arrays.copyOf(hmac(keys[0].iv, plain), IV_BYTES);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys[0].enc, "AES"), new GCMParameterSpec(128, iv));
            byte[] sealed = gcm.doFinal(plain);
            ByteBuffer out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed);
            return "tok_" + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * Format-preserving encryption of the digits of {@code value} (FF1, radix 10, empty tweak): the same length, the
     * same separators, digits stay digits. With {@code luhn}, a Luhn-valid input gives a Luhn-valid output (the
     * check digit is recomputed, not encrypted). Null when there are too few digits to encrypt safely.
     */
    public String fpe(String value, boolean luhn) {
        return ff1(value, luhn, true, keys[0]);
    }

    private String ff1(String value, boolean luhn, boolean encrypt, Keys key) {
        int n = 0;
        for (int i = 0; i < value.length(); i++) if (isDigit(value.charAt(i))) n++;
        boolean keepCheckDigit = luhn && Luhn.valid(value);
        int encrypted = keepCheckDigit ? n - 1 : n;
        if (encrypted < FPE_MIN_DIGITS) return null;
        byte[] digits = new byte[encrypted];
        for (int i = 0, d = 0; i < value.length() && d < encrypted; i++) {
            char c = value.charAt(i);
            if (isDigit(c)) digits[d++] = (byte) (c - '0');
        }
        FPEFF1Engine engine = new FPEFF1Engine();
        engine.init(encrypt, new FPEParameters(new KeyParameter(key.fpe), 10, new byte[0]));
        byte[] out = new byte[encrypted];
        engine.processBlock(digits, 0, encrypted, out, 0);
        char[] result = value.toCharArray();
        int lastDigit = -1;
        for (int i = 0, d = 0; i < result.length; i++) {
            if (!isDigit(result[i])) continue;
            if (d < encrypted) result[i] = (char) ('0' + out[d++]);
            lastDigit = i;
        }
        if (keepCheckDigit) {
            result[lastDigit] = '0';
            result[lastDigit] = (char) ('0' + Luhn.checkDigitFor(new String(result, 0, lastDigit)));
        }
        return new String(result);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Reverses {@code tok_} tokens (every key is tried; AES-GCM tells which one made it) and FF1 output (with the key
     * named by {@code keyId}, or the active one: a format-preserving value cannot say which key made it). Null when
     * nothing reverses it.
     */
    public String detokenize(String value, String keyId, boolean luhn) {
        if (value.startsWith("tok_")) {
            byte[] raw;
            try {
                raw = Base64.getUrlDecoder().decode(value.substring(4));
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (raw.length < IV_BYTES + 16) return null;
            for (Keys k : keys) {
                try {
                    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
                    gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k.enc, "AES"),
                            new GCMParameterSpec(128, raw, 0, IV_BYTES));
                    byte[] plain = gcm.doFinal(raw, IV_BYTES, raw.length - IV_BYTES);
                    if (MessageDigest.isEqual(Arrays.copyOf(hmac(k.iv, plain), IV_BYTES), Arrays.copyOf(raw, IV_BYTES))) {
                        return new String(plain, StandardCharsets.UTF_8);
                    }
                } catch (GeneralSecurityException wrongKey) {
                    // try the next key
                }
            }
            return null;
        }
        for (Keys k : keys) {
            if (keyId == null ? k == keys[0] : k.id.equals(keyId)) return ff1(value, luhn, false, k);
        }
        return null;
    }

    /** Luhn (mod 10) checks for card numbers; separators are ignored. */
    public static final class Luhn {

        private Luhn() {
        }

        public static boolean valid(CharSequence s) {
            return digitCount(s) > 1 && sum(s, false) % 10 == 0;
        }

        /** The digit that, appended to the digits of {@code s}, makes it Luhn-valid. */
        public static int checkDigitFor(CharSequence s) {
            return (10 - sum(s, true) % 10) % 10;
        }

        /** The Luhn sum from the right, doubling every second digit: the rightmost too when a check digit is still to come. */
        private static int sum(CharSequence s, boolean doubleRightmost) {
            int sum = 0;
            int n = doubleRightmost ? 1 : 0;
            for (int i = s.length() - 1; i >= 0; i--) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') continue;
                int d = c - '0';
                if (n++ % 2 == 1) {
                    d *= 2;
                    if (d > 9) d -= 9;
                }
                sum += d;
            }
            return sum;
        }

        private static int digitCount(CharSequence s) {
            int n = 0;
            for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= '0' && s.charAt(i) <= '9') n++;
            return n;
        }
    }
}
