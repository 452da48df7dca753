package org.tusk.utils.adt;

import java.net.Inet4Address;
import java.net.InetAddress;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/** inet (PostgreSQL's network.c): an address with a netmask length. */
public record Inet(InetAddress address, int bits) implements Comparable<Inet> {
    public int maxBits() { return address instanceof Inet4Address ? 32 : 128; }

    public static Inet of(InetAddress a) { return new Inet(a, a instanceof Inet4Address ? 32 : 128); }

    public static Inet inetIn(String s) {
        String t = s.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        try {
            if (addr.isEmpty() || !(addr.matches("[0-9.]+") || addr.matches("[0-9a-fA-F:.]+") && addr.contains(":")))
                throw new IllegalArgumentException();
            InetAddress a = InetAddress.getByName(addr);
            int max = a instanceof Inet4Address ? 32 : 128;
            int bits = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
            if (bits < 0 || bits > max) throw new IllegalArgumentException();
            return new Inet(a, bits);
        } catch (Exception e) {
            throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type inet: \"" + s + "\"");
        }
    }

    public static String inetOut(Inet v) {
        String a = v.address instanceof Inet4Address ? v.address.getHostAddress() : ipv6(v.address.getAddress());
        return v.bits == v.maxBits() ? a : a + "/" + v.bits;
    }

    private static String ipv6(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) { i++; continue; }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    @Override
    public int compareTo(Inet o) {
        byte[] x = address.getAddress(), y = o.address.getAddress();
        if (x.length != y.length) return Integer.compare(x.length, y.length);
        int c = Integer.compare(bits, o.bits);
        for (int i = 0; i < x.length; i++) {
            int d = Integer.compare(x[i] & 0xFF, y[i] & 0xFF);
            if (d != 0) return d;
        }
        return c;
    }
}
