package org.tusk.utils.adt;

import java.nio.charset.StandardCharsets;

/**
 * Subscripting a name (raw_array_subscript_handler, arrayfuncs.c array_get_element with a
 * fixed-length container): a name is NAMEDATALEN (64) bytes, the string then zero bytes, indexed
 * from 0 as "char" values. Beyond 63 or below 0 the result is NULL; a zero byte is the empty
 * "char".
 */
public final class NameSubscript {
    private NameSubscript() {}

    /** NAMEDATALEN. */
    static final int NAMEDATALEN = 64;

    /** name[i] as a "char" value (a one-character String, "" for a zero byte), or null out of range. */
    public static String element(String name, int i) {
        if (i < 0 || i >= NAMEDATALEN) return null;
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        if (i >= b.length) return "";
        int v = b[i] & 0xFF;
        // "char" holds one byte; a byte of a multibyte character stands for itself (Latin-1)
        return String.valueOf((char) v);
    }

    /**
     * array_set_element over a name: byte {@code i} (0..63) replaced by the "char" value's byte;
     * the name then ends at its first zero byte, as namein/nameout read the 64 bytes.
     */
    public static String assign(String name, int i, String ch) {
        if (i < 0 || i >= NAMEDATALEN)
            throw org.tusk.utils.error.PgException.error(ArrayFuncs.ARRAY_SUBSCRIPT_ERROR, "array subscript out of range");
        byte[] bytes = java.util.Arrays.copyOf(name.getBytes(StandardCharsets.UTF_8), NAMEDATALEN);
        bytes[i] = ch.isEmpty() ? 0 : (byte) ch.charAt(0);
        int len = 0;
        while (len < NAMEDATALEN - 1 && bytes[len] != 0) len++;
        return new String(bytes, 0, len, StandardCharsets.UTF_8);
    }
}
