package org.tusk.libpq;

import org.tusk.port.Sockets;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A backend's client connection and what the client asked for in its startup packet
 * (PostgreSQL's {@code Port}, MyProcPort).
 */
public final class Port {
    private final PqComm comm;
    private final Sockets.PeerAddress peer;
    private String userName;
    private String databaseName;
    private String applicationName;
    private int protocolMinor;
    /** Startup-packet fields other than user and database, in packet order (options, application_name, GUCs). */
    private final Map<String, String> startupParameters = new LinkedHashMap<>();

    public Port(PqComm comm, Sockets.PeerAddress peer) {
        this.comm = comm;
        this.peer = peer;
    }

    public PqComm comm() { return comm; }
    public boolean isLocal() { return peer.isUnix(); }
    /** Client address, null for a Unix-domain socket. IPv4-mapped IPv6 addresses are shown as IPv6, as PostgreSQL does. */
    public InetAddress remoteAddress() { return peer.address(); }
    public int remotePort() { return peer.port(); }
    public String userName() { return userName; }
    public String databaseName() { return databaseName; }
    public String applicationName() { return applicationName; }
    public int protocolMinor() { return protocolMinor; }
    public Map<String, String> startupParameters() { return startupParameters; }

    /** How PostgreSQL names the client in messages: "[local]" or the address. */
    public String remoteHostForMessages() {
        return hostForMessages(peer);
    }

    /** How log lines and messages name a client at {@code peer}: "[local]" for a Unix socket, else its address. */
    public static String hostForMessages(Sockets.PeerAddress peer) {
        if (peer.isUnix()) return "[local]";
        InetAddress a = peer.address();
        String s = a.getHostAddress();
        if (a instanceof Inet6Address) {
            int pct = s.indexOf('%');
            if (pct >= 0) s = s.substring(0, pct);
            s = compressIpv6(s);
        }
        return s;
    }

    /** Java prints IPv6 without zero compression; PostgreSQL prints the compressed form (e.g. "::1"). */
    static String compressIpv6(String full) {
        String[] parts = full.split(":");
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < parts.length; ) {
            if (parts[i].equals("0")) {
                int j = i;
                while (j < parts.length && parts[j].equals("0")) j++;
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) return full;
        String left = String.join(":", java.util.Arrays.copyOfRange(parts, 0, bestStart));
        String right = String.join(":", java.util.Arrays.copyOfRange(parts, bestStart + bestLen, parts.length));
        return left + "::" + right;
    }

    void setStartupValues(int minor, String user, String database, String appName) {
        this.protocolMinor = minor;
        this.userName = user;
        this.databaseName = database;
        this.applicationName = appName;
    }

    void addStartupParameter(String name, String value) {
        startupParameters.put(name, value);
    }
}
