package org.tusk.utils.adt;

import java.security.SecureRandom;
import java.util.UUID;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * uuid (uuid.c): uuid_in accepts 32 hex digits in either case, optionally inside braces, with a
 * hyphen allowed after any group of four digits; uuid_out writes the canonical lower-case
 * 8-4-4-4-12 form. Ordering is memcmp of the 16 bytes (unsigned), which
 * {@link UUID#compareTo} (signed) is not.
 */
public final class Uuids {
    private Uuids() {}

    private static final SecureRandom RANDOM = new SecureRandom();

    /** string_to_uuid. */
    public static UUID in(String s) {
        int i = 0, n = s.length();
        boolean braces = n > 0 && s.charAt(0) == '{';
        if (braces) i++;
        long hi = 0, lo = 0;
        for (int d = 0; d < 32; d++) {
            if (i >= n) throw bad(s);
            int v = Character.digit(s.charAt(i), 16);
            if (v < 0 || s.charAt(i) > 'f') throw bad(s);
            i++;
            if (d < 16) hi = (hi << 4) | v;
            else lo = (lo << 4) | v;
            // a hyphen may follow any group of four digits (but not the last)
            if (d % 4 == 3 && d != 31 && i < n && s.charAt(i) == '-') i++;
        }
        if (braces) {
            if (i >= n || s.charAt(i) != '}') throw bad(s);
            i++;
        }
        if (i != n) throw bad(s);
        return new UUID(hi, lo);
    }

    private static PgException bad(String s) {
        return PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type uuid: \"" + s + "\"");
    }

    public static String out(UUID u) { return u.toString(); }

    /** uuid_cmp: unsigned byte order. */
    public static int compare(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    /** gen_random_uuid: a version 4, variant RFC 4122 UUID from a strong random source. */
    public static UUID random() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long hi = 0, lo = 0;
        for (int i = 0; i < 8; i++) hi = (hi << 8) | (b[i] & 0xff);
        for (int i = 8; i < 16; i++) lo = (lo << 8) | (b[i] & 0xff);
        return new UUID(hi, lo);
    }
}
