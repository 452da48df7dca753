package org.tusk.catalog;

import java.nio.charset.StandardCharsets;

import org.tusk.access.common.DatumType;

/** Names of catalog objects as PostgreSQL stores them (scansup.c). */
final class Identifiers {
    private Identifiers() {}

    /**
     * truncate_identifier without the notice: a name of NAMEDATALEN bytes or more is cut to
     * NAMEDATALEN - 1 bytes, not splitting a character.
     */
    static String truncate(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length < DatumType.NAMEDATALEN) return s;
        int n = DatumType.NAMEDATALEN - 1;
        while (n > 0 && (b[n] & 0xC0) == 0x80) n--;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** pg_mbcliplen: the longest prefix of {@code s} of at most {@code limit} bytes, not splitting a character. */
    static String clipToBytes(String s, int limit) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= limit) return s;
        int n = limit;
        while (n > 0 && (b[n] & 0xC0) == 0x80) n--;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
