package dev.warden.policy.model;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Warden's own HTTP listener ({@code admin:} in the policy), apart from the application's ports: {@code GET /metrics}
 * and what else Warden serves to operators. Loopback only, unless the policy writes another address out.
 *
 * @param host the IP address to listen on, as a literal (never a name: what is reachable must be visible in the policy)
 * @param port the TCP port
 */
public record AdminConfig(String host, int port) {

    public static final String LOOPBACK = "127.0.0.1";
    public static final int DEFAULT_PORT = 9464;

    /** {@code admin: {}}: the loopback address and the port Prometheus exporters of Java agents use. */
    public static AdminConfig loopbackDefault() {
        return new AdminConfig(LOOPBACK, DEFAULT_PORT);
    }

    /** Whether only this host can connect. */
    public boolean loopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** HOST:PORT, with an IPv6 host in brackets, for messages. */
    public String listen() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
