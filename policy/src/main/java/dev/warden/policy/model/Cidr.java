package dev.warden.policy.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An address block ({@code 10.0.0.0/8}, {@code ::1/128}, or a single address). */
public record Cidr(byte[] network, int prefix, String text) {

    /** The block, or null when {@code text} is not an address with an optional /prefix. */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        byte[] address = IpLiteral.parse(slash < 0 ? text : text.substring(0, slash));
        if (address == null) return null;
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (prefix < 0 || prefix > bits) return null;
        }
        return new Cidr(address, prefix, text);
    }

    public boolean contains(byte[] address) {
        if (address == null) return false;
        if (address.length != network.length) return false;
        int full = prefix / 8;
        for (int i = 0; i < full; i++) if (address[i] != network[i]) return false;
        int rest = prefix % 8;
        if (rest == 0) return true;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return text;
    }

    /** IP literals without DNS: anything that is not a literal is rejected, never looked up. */
    public static final class IpLiteral {

        private IpLiteral() {
        }

        /** The address bytes (4 or 16; IPv4-mapped IPv6 becomes 4), or null when {@code s} is not a literal. */
        public static byte[] parse(String s) {
            if (s == null || s.isEmpty() || s.length() > 45) return null;
            if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1);
            boolean v6 = s.indexOf(':') >= 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean ok = c >= '0' && c <= '9' || c == '.' || v6 && (c == ':' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
                if (!ok) return null; // also rules out zone ids and host names: nothing reaches DNS
            }
            if (!v6 && !s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) return null;
            try {
                return InetAddress.getByName(s).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
