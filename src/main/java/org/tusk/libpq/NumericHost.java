package org.tusk.libpq;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Formats a client address as {@code getnameinfo(NI_NUMERICHOST)} does on glibc, because that is
 * the spelling PostgreSQL puts in its "no pg_hba.conf entry for host ..." reports.
 *
 * <p>Java's {@link InetAddress#getHostAddress()} writes IPv6 addresses uncompressed
 * ({@code 0:0:0:0:0:0:0:1}); glibc's inet_ntop compresses the longest run of two or more zero
 * groups to {@code ::} ({@code ::1}) and writes IPv4-mapped and IPv4-compatible addresses with a
 * dotted-quad tail ({@code ::ffff:127.0.0.1}).
 */
final class NumericHost {
    private NumericHost() {}

    /** The host text; {@code [local]} for a Unix-socket connection (null address). */
    static String format(InetAddress address) {
        if (address == null) {
            return "[local]";
        }
        if (!(address instanceof Inet6Address v6)) {
            return address.getHostAddress();
        }
        String text = formatIpv6(v6.getAddress());
        if (v6.getScopeId() != 0) {
            text += "%" + (v6.getScopedInterface() != null ? v6.getScopedInterface().getName() : v6.getScopeId());
        }
        return text;
    }

    static String formatIpv6(byte[] b) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // Longest run of zero words (first one on ties); runs of one word are not compressed.
        int bestBase = -1, bestLen = 0, curBase = -1, curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (curBase < 0) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
                if (curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
            } else {
                curBase = -1;
            }
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            boolean embeddedV4 = i == 6 && bestBase == 0
                    && (bestLen == 6 || (bestLen == 7 && words[7] != 1) || (bestLen == 5 && words[5] == 0xffff));
            if (embeddedV4) {
                sb.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.')
                        .append(b[14] & 0xff).append('.').append(b[15] & 0xff);
                break;
            }
            sb.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}
