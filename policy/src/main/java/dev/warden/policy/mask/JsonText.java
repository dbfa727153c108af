package dev.warden.policy.mask;

import java.nio.charset.StandardCharsets;

/** The text of a JSON string from its raw UTF-8 bytes. */
final class JsonText {

    private JsonText() {
    }

    /** Decodes a string's raw bytes (between the quotes, escapes included): validated already. */
    static String decode(byte[] b, int off, int len) {
        boolean simple = true;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\\' || b[i] < 0) {
                simple = false;
                break;
            }
        }
        if (simple) return new String(b, off, len, StandardCharsets.ISO_8859_1);
        StringBuilder sb = new StringBuilder(len);
        int i = off;
        int end = off + len;
        while (i < end) {
            int j = i;
            while (j < end && b[j] != '\\') j++;
            if (j > i) sb.append(new String(b, i, j - i, StandardCharsets.UTF_8));
            if (j >= end) break;
            byte e = b[j + 1];
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(new String(b, j + 2, 4, StandardCharsets.US_ASCII), 16));
                    j += 4;
                }
                default -> sb.append((char) e);
            }
            i = j + 2;
        }
        return sb.toString();
    }
}
