package dev.warden.policy.engine;

import java.nio.charset.StandardCharsets;

/**
 * An RFC 9457 problem document. Only fixed, generic texts go in: a denial says what class of failure it was, never
 * which key, which check or which internal state led to it.
 */
public record Problem(int status, String type, String title, String detail) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public byte[] toJson() {
        return ("{\"type\":\"" + escape(type) + "\",\"title\":\"" + escape(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + escape(detail) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static Problem of(int status, String slug, String title, String detail) {
        return new Problem(status, "https://warden.dev/problems/" + slug, title, detail);
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.toString();
    }
}
