package dev.warden.policy.engine;

import dev.warden.policy.model.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client's address for limits: the socket peer, unless the peer is a trusted proxy; then the forwarding headers
 * ({@code Forwarded}, else {@code X-Forwarded-For}) are read from the right, skipping trusted hops, and the first
 * untrusted hop wins. Hops left of it were written by the client itself and are never believed, so a client cannot
 * choose its own bucket.
 */
final class ClientAddress {

    private final Cidr[] trusted;

    ClientAddress(List<Cidr> trustedProxies) {
        this.trusted = trustedProxies.toArray(new Cidr[0]);
    }

    String of(RequestView request) {
        String peer = request.clientIp();
        if (trusted.length == 0 || !isTrusted(peer)) return peer;
        List<String> hops = forwarded(request);
        if (hops.isEmpty()) return peer;
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (Cidr.IpLiteral.parse(hop) == null) {
                // not an address ("unknown", an obfuscated id, garbage): no proxy of ours wrote it; stop at the last good hop
                return client;
            }
            client = hop;
            if (!isTrusted(hop)) return hop;
        }
        return client;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = Cidr.IpLiteral.parse(address);
        if (bytes == null) return false;
        for (Cidr c : trusted) if (c.contains(bytes)) return true;
        return false;
    }

    /** The hop addresses, left (client side) to right (nearest proxy), from one header kind. */
    private static List<String> forwarded(RequestView request) {
        List<String> out = new ArrayList<>();
        List<String> rfc7239 = request.headers("Forwarded");
        if (!rfc7239.isEmpty()) {
            for (String header : rfc7239) {
                for (String element : header.split(",")) {
                    String hop = null;
                    for (String pair : element.split(";")) {
                        int eq = pair.indexOf('=');
                        if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
                            hop = stripPort(unquote(pair.substring(eq + 1).trim()));
                        }
                    }
                    out.add(hop == null ? "" : hop);
                }
            }
            return out;
        }
        for (String header : request.headers("X-Forwarded-For")) {
            for (String hop : header.split(",")) out.add(stripPort(hop.trim()));
        }
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** {@code [2001:db8::1]:4711} and {@code 192.0.2.1:80} lose the port; a bare IPv6 address is kept whole. */
    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
    }
}
