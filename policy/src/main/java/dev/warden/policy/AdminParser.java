package dev.warden.policy;

import dev.warden.policy.model.AdminConfig;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The policy's {@code admin:} key: {@code { listen: "127.0.0.1:9464" }}. Loopback unless another address is written
 * out as an IP literal: a host name is refused, because what it resolves to (and so who can reach the listener) is not
 * visible in the policy.
 */
final class AdminParser {

    private static final Set<String> ADMIN = Set.of("listen");
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final String FORMS = "write HOST:PORT with HOST an IP address (127.0.0.1, the default, or [::1]: "
            + "loopback only; another address, e.g. 0.0.0.0, makes the listener reachable from other hosts) or "
            + "localhost, or :PORT for loopback";

    private final YamlReader in;

    AdminParser(YamlReader in) {
        this.in = in;
    }

    AdminConfig admin(Node node) {
        Map<String, Node> a = in.fields(node, "admin", ADMIN);
        if (!a.containsKey("listen")) return AdminConfig.loopbackDefault();
        Node at = a.get("listen");
        String text = in.string(at, "admin.listen");
        if (text == null) return null;
        String problem = problem(text);
        if (problem != null) {
            in.error(at, problem);
            return null;
        }
        return parse(text);
    }

    /** What is wrong with a listen address, or null when {@link #parse} takes it. */
    private static String problem(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        String port = colon < 0 ? text : text.substring(colon + 1);
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            return "admin.listen '" + text + "' has no port from 1 to 65535; " + FORMS;
        }
        if (host.isEmpty() || host.equals("localhost") || IPV4.matcher(host).matches()) return null;
        if (host.startsWith("[") && host.endsWith("]")) {
            return ipv6(host.substring(1, host.length() - 1)) != null ? null
                    : "admin.listen '" + text + "': '" + host + "' is not an IPv6 address; " + FORMS;
        }
        if (host.indexOf(':') >= 0) return "admin.listen '" + text + "': write an IPv6 address in brackets, e.g. [::1]:" + port;
        return "admin.listen '" + text + "': '" + host + "' is not an IP address; a host name is not taken because "
                + "what it resolves to, and so who can reach the listener, is not written in the policy; " + FORMS;
    }

    /** A listen address {@link #problem} found nothing wrong with. */
    private static AdminConfig parse(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        int port = Integer.parseInt(text.substring(colon + 1));
        if (host.isEmpty() || host.equals("localhost")) return new AdminConfig(AdminConfig.LOOPBACK, port);
        if (host.startsWith("[")) return new AdminConfig(ipv6(host.substring(1, host.length() - 1)), port);
        return new AdminConfig(host, port);
    }

    /** The address in canonical form, or null when {@code literal} is not an IPv6 address (no zone, no name). */
    private static String ipv6(String literal) {
        if (!IPV6_CHARS.matcher(literal).matches() || literal.indexOf(':') < 0) return null;
        try {
            // a literal with ':' is parsed, never looked up
            InetAddress address = InetAddress.getByName(literal);
            return address instanceof Inet6Address ? address.getHostAddress() : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
