package org.tusk.utils.adt.tsearch;

import java.nio.charset.StandardCharsets;

/**
 * The "legacy" CRC-32 of pg_crc.h (INIT_LEGACY_CRC32 / COMP_LEGACY_CRC32 / FIN_LEGACY_CRC32):
 * the reflected Ethernet table (pg_crc32_table) driven as if it were a normal one. tsquery keeps
 * it in every QueryOperand's valcrc (makepol's pushValue), so a stored tsquery carries it and a
 * byte-compatible encoder must compute it the same way.
 */
public final class LegacyCrc32 {
    private LegacyCrc32() {}

    private static final int[] TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            TABLE[n] = c;
        }
    }

    /** The valcrc of an operand: the CRC of its UTF-8 bytes, as a signed int32. */
    public static int of(String word) {
        int crc = 0xFFFFFFFF;
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            crc = TABLE[((crc >>> 24) ^ b) & 0xFF] ^ (crc << 8);
        }
        return ~crc;
    }
}
