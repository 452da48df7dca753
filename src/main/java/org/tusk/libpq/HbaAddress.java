package org.tusk.libpq;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The address column of a host line: either {@code all} or an address with a netmask.
 *
 * <p>Matching follows PostgreSQL's {@code check_ip()}: the client address and the line's address
 * must be of the same family, and {@code (client XOR address) AND mask} must be zero. Bits of the
 * address outside the mask are not required to be zero, as in PostgreSQL.
 *
 * <p>IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) get no special treatment, again as in
 * PostgreSQL: written in pg_hba.conf they are IPv6 entries, matching only IPv6 clients. Note that
 * Java hands the server an {@link Inet4Address} for an IPv4 client even on a dual-stack IPv6
 * socket, which gives the same result as PostgreSQL's separate IPv4 and IPV6_V6ONLY IPv6
 * listeners: IPv4 clients are matched against IPv4 lines. Java's own literal parser turns
 * {@code ::ffff:a.b.c.d} into an IPv4 address, so the address is rebuilt as 16 bytes here.
 */
final class HbaAddress {
    /** The {@code all} keyword: any client address. */
    static final HbaAddress ALL = new HbaAddress(null, null);

    private final byte[] address;
    private final byte[] mask;

    private HbaAddress(byte[] address, byte[] mask) {
        this.address = address;
        this.mask = mask;
    }

    static HbaAddress of(byte[] address, byte[] mask) {
        if (address.length != mask.length) {
            throw new IllegalArgumentException("address and mask of different families");
        }
        return new HbaAddress(address.clone(), mask.clone());
    }

    boolean matches(InetAddress client) {
        if (address == null) {
            return true;
        }
        byte[] c = client.getAddress();
        if (c.length != address.length) {
            return false;
        }
        for (int i = 0; i < c.length; i++) {
            if (((c[i] ^ address[i]) & mask[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a numeric IPv4 or IPv6 address the way {@code getaddrinfo(AI_NUMERICHOST)} does,
     * returning its 4 or 16 bytes, or null when the text is not a numeric address (PostgreSQL then
     * takes it for a host name).
     */
    static byte[] parseNumeric(String text) {
        try {
            if (text.indexOf(':') >= 0) {
                if (text.startsWith("[")) {
                    return null;
                }
                InetAddress a = Inet6Address.ofLiteral(text);
                return a instanceof Inet4Address ? mapped(a.getAddress()) : a.getAddress();
            }
            // inet_aton() forms such as "127.1" or "0x7f.0.0.1" are numeric to getaddrinfo too.
            return Inet4Address.ofPosixLiteral(text).getAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    /**
     * A netmask of {@code bitsText} leading one bits for an address of {@code length} bytes, as
     * {@code pg_sockaddr_cidr_mask()}: the text must be a whole decimal number (strtol syntax) in
     * 0..32 or 0..128. Returns null when it is not.
     */
    static byte[] cidrMask(String bitsText, int length) {
        long bits;
        try {
            bits = Long.parseLong(bitsText);
        } catch (NumberFormatException e) {
            return null;
        }
        if (bits < 0 || bits > length * 8L) {
            return null;
        }
        byte[] mask = new byte[length];
        for (int i = 0; i < length; i++) {
            long remaining = bits - i * 8L;
            if (remaining >= 8) {
                mask[i] = (byte) 0xff;
            } else if (remaining > 0) {
                mask[i] = (byte) (0xff << (8 - remaining));
            }
        }
        return mask;
    }
}
