package dev.warden.policy.engine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a raw request path into the segments a servlet container dispatches on, so that a route cannot be
 * dodged by spelling the path differently: percent-decoding, {@code ;matrix} parameters dropped, empty and
 * {@code .} segments removed, {@code ..} resolved. A path that cannot be read one way only (an encoded
 * {@code /} or {@code \}, a {@code ..} above the root, bad escapes or UTF-8, control characters) is refused:
 * the caller answers 400 rather than guess.
 */
public final class PathCanonicalizer {

    private PathCanonicalizer() {
    }

    /** The canonical segments, or null when the path is ambiguous. */
    public static List<String> segments(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) return null;
        List<String> out = new ArrayList<>();
        for (String raw : rawPath.split("/", -1)) {
            int semi = raw.indexOf(';');
            String seg = decode(semi >= 0 ? raw.substring(0, semi) : raw);
            if (seg == null) return null;
            if (seg.isEmpty() || seg.equals(".")) continue;
            if (seg.equals("..")) {
                if (out.isEmpty()) return null;
                out.remove(out.size() - 1);
                continue;
            }
            out.add(seg);
        }
        return out;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0) return checked(s);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) return null;
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return null;
                int b = hi * 16 + lo;
                if (b == '/' || b == '\\' || b == '%' || b == ';') return null;
                bytes.write(b);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int cp = s.codePointAt(i);
                byte[] enc = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(enc, 0, enc.length);
                i += Character.charCount(cp) - 1;
            }
        }
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            return checked(decoded);
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String checked(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\\') return null;
        }
        return s;
    }
}
