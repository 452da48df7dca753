package org.tusk.utils.adt;

import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL's common/hashfn.c (Bob Jenkins' lookup3 as PostgreSQL uses it, little-endian byte
 * order) and the extended (64-bit, seeded) hash support functions of the integer and text
 * types (int.c hashint4extended, int8.c hashint8extended, varlena.c hashtextextended), bit for
 * bit, so that values hash as they do in PostgreSQL (hash partitioning depends on it).
 */
public final class HashFuncs {
    private HashFuncs() {}

    private static int rot(int x, int k) { return Integer.rotateLeft(x, k); }

    /** hash_bytes_uint32_extended. */
    public static long hashUint32Extended(int k, long seed) {
        int a, b, c;
        a = b = c = 0x9e3779b9 + 4 + 3923095;
        if (seed != 0) {
            a += (int) (seed >>> 32);
            b += (int) seed;
            int[] m = mix(a, b, c);
            a = m[0]; b = m[1]; c = m[2];
        }
        a += k;
        int[] f = fin(a, b, c);
        return ((long) f[1] << 32) | (f[2] & 0xffffffffL);
    }

    /** hash_bytes_extended. */
    public static long hashBytesExtended(byte[] k, long seed) {
        int len = k.length;
        int a, b, c;
        a = b = c = 0x9e3779b9 + len + 3923095;
        if (seed != 0) {
            a += (int) (seed >>> 32);
            b += (int) seed;
            int[] m = mix(a, b, c);
            a = m[0]; b = m[1]; c = m[2];
        }
        int p = 0;
        while (len >= 12) {
            a += word(k, p);
            b += word(k, p + 4);
            c += word(k, p + 8);
            int[] m = mix(a, b, c);
            a = m[0]; b = m[1]; c = m[2];
            p += 12;
            len -= 12;
        }
        // the last 11 bytes; the lowest byte of c is reserved for the length
        switch (len) {
            case 11: c += (k[p + 10] & 0xff) << 24;
            case 10: c += (k[p + 9] & 0xff) << 16;
            case 9: c += (k[p + 8] & 0xff) << 8;
            case 8: b += (k[p + 7] & 0xff) << 24;
            case 7: b += (k[p + 6] & 0xff) << 16;
            case 6: b += (k[p + 5] & 0xff) << 8;
            case 5: b += k[p + 4] & 0xff;
            case 4: a += (k[p + 3] & 0xff) << 24;
            case 3: a += (k[p + 2] & 0xff) << 16;
            case 2: a += (k[p + 1] & 0xff) << 8;
            case 1: a += k[p] & 0xff;
            default: break;
        }
        int[] f = fin(a, b, c);
        return ((long) f[1] << 32) | (f[2] & 0xffffffffL);
    }

    private static int word(byte[] k, int p) {
        return (k[p] & 0xff) | (k[p + 1] & 0xff) << 8 | (k[p + 2] & 0xff) << 16 | (k[p + 3] & 0xff) << 24;
    }

    private static int[] mix(int a, int b, int c) {
        a -= c; a ^= rot(c, 4); c += b;
        b -= a; b ^= rot(a, 6); a += c;
        c -= b; c ^= rot(b, 8); b += a;
        a -= c; a ^= rot(c, 16); c += b;
        b -= a; b ^= rot(a, 19); a += c;
        c -= b; c ^= rot(b, 4); b += a;
        return new int[] {a, b, c};
    }

    private static int[] fin(int a, int b, int c) {
        c ^= b; c -= rot(b, 14);
        a ^= c; a -= rot(c, 11);
        b ^= a; b -= rot(a, 25);
        c ^= b; c -= rot(b, 16);
        a ^= c; a -= rot(c, 4);
        b ^= a; b -= rot(a, 14);
        c ^= b; c -= rot(b, 24);
        return new int[] {a, b, c};
    }

    /** hashint4extended (also hashint2extended, the int2 widened, and date_hash_extended). */
    public static long hashInt4Extended(int v, long seed) { return hashUint32Extended(v, seed); }

    /** hashint8extended: the high half folded into the low one, so that equal int4 and int8 values hash alike. */
    public static long hashInt8Extended(long v, long seed) {
        int lo = (int) v;
        int hi = (int) (v >>> 32);
        lo ^= v >= 0 ? hi : ~hi;
        return hashUint32Extended(lo, seed);
    }

    /**
     * interval_hash: hashint8 of the low 64 bits of interval_cmp_value, so that intervals equal
     * under interval comparison ('30 days' and '1 month') hash alike. hash_uint32 is the low half
     * of hash_uint32_extended with seed 0.
     */
    public static int intervalHash(Interval v) {
        return (int) hashInt8Extended(v.cmpValue().longValue(), 0);
    }

    /** hashtextextended for a deterministic collation: the UTF-8 bytes. */
    public static long hashTextExtended(String s, long seed) {
        return hashBytesExtended(s.getBytes(StandardCharsets.UTF_8), seed);
    }

    /** hashbpcharextended: trailing blanks do not count. */
    public static long hashBpcharExtended(String s, long seed) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') end--;
        return hashTextExtended(s.substring(0, end), seed);
    }

    /** hash_combine64. */
    public static long hashCombine64(long a, long b) {
        a ^= b + 0x49a0f4dd15e5a8e3L + (a << 54) + (a >>> 7);
        return a;
    }

    /** hash_bytes (hash_any): the low half of hash_bytes_extended with seed 0, which starts from the same state. */
    public static int hashBytes(byte[] k) {
        return (int) hashBytesExtended(k, 0);
    }

    /** hash_bytes_uint32 (hash_uint32): the low half of the extended hash with seed 0. */
    public static int hashUint32(int k) {
        return (int) hashUint32Extended(k, 0);
    }

    /** hashint8: equal to hashint4 for a value in int4's range. */
    public static int hashInt8(long v) {
        return (int) hashInt8Extended(v, 0);
    }

    /**
     * hashfloat8: 0 for both zeros (they are equal), every NaN as get_float8_nan's bits, else
     * hash_any of the value's eight bytes (little-endian, as they lie in memory on x86).
     */
    public static int hashFloat8(double v) {
        if (v == 0.0) return 0;
        long bits = Double.isNaN(v) ? Double.doubleToRawLongBits(Double.NaN) : Double.doubleToRawLongBits(v);
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (bits >>> (8 * i));
        return hashBytes(b);
    }

    /** hashfloat4: the value widened to float8 and hashed as hashfloat8 does, so float4 and float8 hash alike. */
    public static int hashFloat4(float v) {
        return hashFloat8(v);
    }

    /** hashchar: hash_uint32 of the (signed, as C's char is on x86) byte. */
    public static int hashChar(byte c) {
        return hashUint32(c);
    }

    /** hashtext (deterministic collation) and hashname: hash_any of the UTF-8 bytes. */
    public static int hashText(String s) {
        return hashBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** hashbpchar: trailing blanks do not count. */
    public static int hashBpchar(String s) {
        return (int) hashBpcharExtended(s, 0);
    }

    /** uuid_hash: hash_any of the 16 bytes, most significant first. */
    public static int uuidHash(java.util.UUID u) {
        byte[] b = new byte[16];
        long hi = u.getMostSignificantBits(), lo = u.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return hashBytes(b);
    }
}
