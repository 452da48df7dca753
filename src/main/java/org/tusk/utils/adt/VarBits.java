package org.tusk.utils.adt;

import java.util.Arrays;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * bit and bit varying (varbit.c): input and output, the length coercions of bit(n) and
 * varbit(n), the bitwise operators, concatenation, substring/overlay/position, get_bit/set_bit,
 * the conversions to and from integers, and the binary send/receive forms. Every function
 * returns a new value; the bits past the length stay zero.
 */
public final class VarBits {
    private VarBits() {}

    /** VARBITMAXLEN: the most bits a bit string can hold. */
    public static final int VARBITMAXLEN = 0x7FFFFFFF - 7;

    /**
     * bit_in / varbit_in without a typmod: a 'b' or 'B' prefix (or none) means binary digits, 'x'
     * or 'X' hexadecimal digits (four bits each).
     */
    public static VarBit in(String s) {
        boolean binary;
        int start = 0;
        if (!s.isEmpty() && (s.charAt(0) == 'b' || s.charAt(0) == 'B')) {
            binary = true;
            start = 1;
        } else if (!s.isEmpty() && (s.charAt(0) == 'x' || s.charAt(0) == 'X')) {
            binary = false;
            start = 1;
        } else {
            binary = true;
        }
        int n = s.length() - start;
        if (binary) {
            byte[] b = new byte[(n + 7) / 8];
            for (int i = 0; i < n; i++) {
                char c = s.charAt(start + i);
                if (c == '1') b[i >> 3] |= (byte) (0x80 >> (i & 7));
                else if (c != '0') throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION,
                        "\"" + s.substring(start + i, s.offsetByCodePoints(start + i, 1)) + "\" is not a valid binary digit");
            }
            return new VarBit(n, b);
        }
        if ((long) n * 4 > VARBITMAXLEN) throw tooLong();
        byte[] b = new byte[(n * 4 + 7) / 8];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(start + i);
            int v = c < 128 ? Character.digit(c, 16) : -1;
            if (v < 0) throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION,
                    "\"" + s.substring(start + i, s.offsetByCodePoints(start + i, 1)) + "\" is not a valid hexadecimal digit");
            if ((i & 1) == 0) b[i >> 1] |= (byte) (v << 4);
            else b[i >> 1] |= (byte) v;
        }
        return new VarBit(n * 4, b);
    }

    private static PgException tooLong() {
        return PgException.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "bit string length exceeds the maximum allowed ("
                + VARBITMAXLEN + ")");
    }

    /** bit_out / varbit_out: one digit per bit (bit_out's hex form is not used by PostgreSQL either). */
    public static String out(VarBit v) {
        StringBuilder sb = new StringBuilder(v.bitLength());
        for (int i = 0; i < v.bitLength(); i++) sb.append(v.bit(i) ? '1' : '0');
        return sb.toString();
    }

    /**
     * bit(): the length coercion to bit(len). Implicit and assignment coercions refuse any other
     * length; an explicit cast truncates or pads with zeros on the right.
     */
    public static VarBit toBit(VarBit v, int len, boolean explicit) {
        if (len <= 0 || len > VARBITMAXLEN || len == v.bitLength()) return v;
        if (!explicit) throw PgException.error("22026",
                "bit string length " + v.bitLength() + " does not match type bit(" + len + ")");
        return VarBit.of(len, v.raw());
    }

    /** varbit(): the length coercion to bit varying(len): too long is an error unless explicit, which truncates. */
    public static VarBit toVarbit(VarBit v, int len, boolean explicit) {
        if (len <= 0 || len >= v.bitLength()) return v;
        if (!explicit) throw PgException.error(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                "bit string too long for type bit varying(" + len + ")");
        return VarBit.of(len, v.raw());
    }

    /** bit_in with a typmod (COPY and typed input): the length must match exactly. */
    public static VarBit bitIn(String s, int typmod) {
        VarBit v = in(s);
        if (typmod > 0 && v.bitLength() != typmod) throw PgException.error("22026",
                "bit string length " + v.bitLength() + " does not match type bit(" + typmod + ")");
        return v;
    }

    /** varbit_in with a typmod: at most that many bits. */
    public static VarBit varbitIn(String s, int typmod) {
        VarBit v = in(s);
        if (typmod > 0 && v.bitLength() > typmod) throw PgException.error(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                "bit string too long for type bit varying(" + typmod + ")");
        return v;
    }

    private enum BitOp { AND, OR, XOR }

    private static VarBit bitwise(VarBit a, VarBit b, BitOp op) {
        if (a.bitLength() != b.bitLength()) throw PgException.error("22026",
                "cannot " + op + " bit strings of different sizes");
        byte[] x = a.raw(), y = b.raw(), r = new byte[x.length];
        for (int i = 0; i < r.length; i++) r[i] = (byte) switch (op) {
            case AND -> x[i] & y[i];
            case OR -> x[i] | y[i];
            case XOR -> x[i] ^ y[i];
        };
        return new VarBit(a.bitLength(), r);
    }

    /** bit_and (&amp;). */
    public static VarBit and(VarBit a, VarBit b) { return bitwise(a, b, BitOp.AND); }

    /** bit_or (|). */
    public static VarBit or(VarBit a, VarBit b) { return bitwise(a, b, BitOp.OR); }

    /** bitxor (#). */
    public static VarBit xor(VarBit a, VarBit b) { return bitwise(a, b, BitOp.XOR); }

    /** bitnot (~): the pad bits are cleared again by the constructor. */
    public static VarBit not(VarBit a) {
        byte[] x = a.raw(), r = new byte[x.length];
        for (int i = 0; i < r.length; i++) r[i] = (byte) ~x[i];
        return new VarBit(a.bitLength(), r);
    }

    /** bitshiftleft (&lt;&lt;): the length stays, zeros come in on the right; a negative shift shifts right. */
    public static VarBit shiftLeft(VarBit a, int shift) {
        if (shift < 0) return shiftRight(a, shift == Integer.MIN_VALUE ? Integer.MAX_VALUE : -shift);
        int n = a.bitLength();
        byte[] r = new byte[a.raw().length];
        for (int i = 0; i + shift < n && shift < n; i++) if (a.bit(i + shift)) set(r, i);
        return new VarBit(n, r);
    }

    /** bitshiftright (&gt;&gt;). */
    public static VarBit shiftRight(VarBit a, int shift) {
        if (shift < 0) return shiftLeft(a, shift == Integer.MIN_VALUE ? Integer.MAX_VALUE : -shift);
        int n = a.bitLength();
        byte[] r = new byte[a.raw().length];
        for (int i = shift; i < n && shift < n; i++) if (a.bit(i - shift)) set(r, i);
        return new VarBit(n, r);
    }

    private static void set(byte[] r, int i) { r[i >> 3] |= (byte) (0x80 >> (i & 7)); }

    /** bitcat (||). */
    public static VarBit concat(VarBit a, VarBit b) {
        long n = (long) a.bitLength() + b.bitLength();
        if (n > VARBITMAXLEN) throw tooLong();
        byte[] r = Arrays.copyOf(a.raw(), (int) ((n + 7) / 8));
        for (int i = 0; i < b.bitLength(); i++) if (b.bit(i)) set(r, a.bitLength() + i);
        return new VarBit((int) n, r);
    }

    /** bitsubstr: {@code s} counts from 1; {@code length} &lt; 0 means to the end. */
    public static VarBit substring(VarBit a, int s, int length, boolean lengthNotSpecified) {
        int bitlen = a.bitLength();
        long s1 = Math.max(s, 1);
        long e1;
        if (lengthNotSpecified) {
            e1 = bitlen + 1L;
        } else {
            if (length < 0) throw PgException.error("22011", "negative substring length not allowed");
            e1 = Math.min((long) s + length, bitlen + 1L);
        }
        if (s1 > bitlen || e1 <= s1) return new VarBit(0, new byte[0]);
        int rl = (int) (e1 - s1);
        byte[] r = new byte[(rl + 7) / 8];
        for (int i = 0; i < rl; i++) if (a.bit((int) (s1 - 1) + i)) set(r, i);
        return new VarBit(rl, r);
    }

    /** bitoverlay: substring(t1, 1, sp-1) || t2 || substring(t1, sp+sl). */
    public static VarBit overlay(VarBit t1, VarBit t2, int sp, int sl) {
        if (sp <= 0) throw PgException.error("22011", "negative substring length not allowed");
        long spPlSl = (long) sp + sl;
        if (spPlSl > Integer.MAX_VALUE) throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        VarBit s1 = substring(t1, 1, sp - 1, false);
        VarBit s2 = substring(t1, (int) spPlSl, -1, true);
        return concat(concat(s1, t2), s2);
    }

    /** bitposition: the 1-based position of {@code sub} in {@code str}, 0 if absent; an empty sub is found at 1. */
    public static int position(VarBit str, VarBit sub) {
        int sl = sub.bitLength(), n = str.bitLength();
        // an empty string or a longer substring is not found; an empty substring is found at 1
        if (n == 0 || sl > n) return 0;
        if (sl == 0) return 1;
        outer:
        for (int i = 0; i + sl <= n; i++) {
            for (int j = 0; j < sl; j++) if (str.bit(i + j) != sub.bit(j)) continue outer;
            return i + 1;
        }
        return 0;
    }

    /** bitgetbit: bit {@code n}, counting from 0 at the left. */
    public static int getBit(VarBit a, int n) {
        if (n < 0 || n >= a.bitLength()) throw PgException.error("2202E",
                "bit index " + n + " out of valid range (0.." + (a.bitLength() - 1) + ")");
        return a.bit(n) ? 1 : 0;
    }

    /** bitsetbit. */
    public static VarBit setBit(VarBit a, int n, int newBit) {
        if (n < 0 || n >= a.bitLength()) throw PgException.error("2202E",
                "bit index " + n + " out of valid range (0.." + (a.bitLength() - 1) + ")");
        if (newBit != 0 && newBit != 1) throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "new bit must be 0 or 1");
        byte[] r = a.raw().clone();
        if (newBit == 1) r[n >> 3] |= (byte) (0x80 >> (n & 7));
        else r[n >> 3] &= (byte) ~(0x80 >> (n & 7));
        return new VarBit(a.bitLength(), r);
    }

    /** bit_bit_count: the number of one bits. */
    public static long bitCount(VarBit a) {
        long c = 0;
        for (byte b : a.raw()) c += Integer.bitCount(b & 0xFF);
        return c;
    }

    /** bitoctetlength. */
    public static int octetLength(VarBit a) { return a.raw().length; }

    /**
     * bitfromint4 / bitfromint8: the low {@code typmod} bits of the two's complement value
     * (sign-extended when the length exceeds the integer's width); no typmod means one bit.
     */
    public static VarBit fromLong(long v, int width, int typmod) {
        int len = typmod <= 0 ? 1 : typmod;
        byte[] r = new byte[(len + 7) / 8];
        for (int i = 0; i < len; i++) {
            int shift = len - 1 - i;
            boolean one = shift >= width ? v < 0 : ((v >>> shift) & 1) != 0;
            if (one) set(r, i);
        }
        return new VarBit(len, r);
    }

    /** bittoint4 / bittoint8: the bits as an unsigned number of {@code width} bits at most. */
    public static long toLong(VarBit a, int width) {
        if (a.bitLength() > width) throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                width == 32 ? "integer out of range" : "bigint out of range");
        long r = 0;
        for (int i = 0; i < a.bitLength(); i++) r = (r << 1) | (a.bit(i) ? 1 : 0);
        return r;
    }

    /** bit_send / varbit_send: int32 bit length, then the bytes. */
    public static byte[] send(VarBit a) {
        byte[] x = a.raw();
        return java.nio.ByteBuffer.allocate(4 + x.length).putInt(a.bitLength()).put(x).array();
    }

    /** varbit_recv: the length must agree with the bytes that follow. */
    public static VarBit recv(byte[] b) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
        int len = buf.getInt();
        if (len < 0 || len > VARBITMAXLEN || (len + 7) / 8 != b.length - 4)
            throw PgException.error("22P03", "invalid length in external bit string");
        byte[] x = new byte[b.length - 4];
        buf.get(x);
        return new VarBit(len, x);
    }
}
