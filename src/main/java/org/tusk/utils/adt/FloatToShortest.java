package org.tusk.utils.adt;

import java.math.BigInteger;

/**
 * The shortest decimal that reads back as a given float4, found the way PostgreSQL's f2s.c
 * (Ryu for single precision) finds it: like {@link DoubleToShortest}, it never settles on the
 * exact midpoint between two floats, and it prints a one-digit result with one digit.
 */
final class FloatToShortest {
    private FloatToShortest() {}

    private static final int MANTISSA_BITS = 23;
    private static final int EXPONENT_BITS = 8;
    private static final int BIAS = 127;
    private static final int POW5_INV_BITCOUNT = 59;
    private static final int POW5_BITCOUNT = 61;

    /* f2s.c's FLOAT_POW5_INV_SPLIT and FLOAT_POW5_SPLIT, computed as for float8 in 64 bits. */
    private static final long[] POW5_SPLIT = new long[47];
    private static final long[] POW5_INV_SPLIT = new long[31];

    static {
        BigInteger five = BigInteger.valueOf(5);
        for (int i = 0; i < POW5_SPLIT.length; i++) {
            BigInteger pow = five.pow(i);
            int len = pow.bitLength();
            POW5_SPLIT[i] = (len > POW5_BITCOUNT ? pow.shiftRight(len - POW5_BITCOUNT) : pow.shiftLeft(POW5_BITCOUNT - len)).longValue();
            if (i < POW5_INV_SPLIT.length)
                POW5_INV_SPLIT[i] = BigInteger.ONE.shiftLeft(len - 1 + POW5_INV_BITCOUNT).divide(pow).add(BigInteger.ONE).longValue();
        }
    }

    /** The decimal for a finite, nonzero float's magnitude. */
    static ShortestDecimal of(float f) {
        int bits = Float.floatToRawIntBits(f);
        int ieeeMantissa = bits & ((1 << MANTISSA_BITS) - 1);
        int ieeeExponent = (bits >>> MANTISSA_BITS) & ((1 << EXPONENT_BITS) - 1);
        ShortestDecimal small = smallInt(ieeeMantissa, ieeeExponent);
        return small != null ? small : general(ieeeMantissa, ieeeExponent);
    }

    /** f2d_small_int: an integer in [1, 2^24) is printed exactly. */
    private static ShortestDecimal smallInt(int ieeeMantissa, int ieeeExponent) {
        int e2 = ieeeExponent - BIAS - MANTISSA_BITS;
        if (e2 < -MANTISSA_BITS || e2 > 0) return null;
        int mask = (1 << -e2) - 1;
        if ((ieeeMantissa & mask) != 0) return null;
        int m2 = (1 << MANTISSA_BITS) | ieeeMantissa;
        return new ShortestDecimal(m2 >>> -e2, 0);
    }

    /** f2d with acceptBounds false, as PostgreSQL builds it. */
    private static ShortestDecimal general(int ieeeMantissa, int ieeeExponent) {
        int e2;
        long m2;
        if (ieeeExponent == 0) {
            e2 = 1 - BIAS - MANTISSA_BITS - 2;
            m2 = ieeeMantissa;
        } else {
            e2 = ieeeExponent - BIAS - MANTISSA_BITS - 2;
            m2 = (1L << MANTISSA_BITS) | ieeeMantissa;
        }
        long mv = 4 * m2;
        long mp = 4 * m2 + 2;
        int mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1 : 0;
        long mm = 4 * m2 - 1 - mmShift;

        long vr, vp, vm;
        int e10;
        boolean vrIsTrailingZeros = false;
        int lastRemovedDigit = 0;
        if (e2 >= 0) {
            int q = ShortestDecimal.log10Pow2(e2);
            e10 = q;
            int k = POW5_INV_BITCOUNT + ShortestDecimal.pow5bits(q) - 1;
            int i = -e2 + q + k;
            vr = mulShift(mv, POW5_INV_SPLIT[q], i);
            vp = mulShift(mp, POW5_INV_SPLIT[q], i);
            vm = mulShift(mm, POW5_INV_SPLIT[q], i);
            if (q != 0 && (vp - 1) / 10 <= vm / 10) {
                // one removed digit is needed even when the loop below removes none
                int l = POW5_INV_BITCOUNT + ShortestDecimal.pow5bits(q - 1) - 1;
                lastRemovedDigit = (int) (mulShift(mv, POW5_INV_SPLIT[q - 1], -e2 + q - 1 + l) % 10);
            }
            if (q <= 9) {
                if (mv % 5 == 0) vrIsTrailingZeros = multipleOfPowerOf5(mv, q);
                else if (multipleOfPowerOf5(mp, q)) vp--;
            }
        } else {
            int q = ShortestDecimal.log10Pow5(-e2);
            e10 = q + e2;
            int i = -e2 - q;
            int k = ShortestDecimal.pow5bits(i) - POW5_BITCOUNT;
            int j = q - k;
            vr = mulShift(mv, POW5_SPLIT[i], j);
            vp = mulShift(mp, POW5_SPLIT[i], j);
            vm = mulShift(mm, POW5_SPLIT[i], j);
            if (q != 0 && (vp - 1) / 10 <= vm / 10) {
                j = q - 1 - (ShortestDecimal.pow5bits(i + 1) - POW5_BITCOUNT);
                lastRemovedDigit = (int) (mulShift(mv, POW5_SPLIT[i + 1], j) % 10);
            }
            if (q <= 1) {
                vrIsTrailingZeros = true;
                vp--;
            } else if (q < 31) {
                vrIsTrailingZeros = (mv & ((1L << (q - 1)) - 1)) == 0;
            }
        }

        int removed = 0;
        long output;
        if (vrIsTrailingZeros) {
            while (vp / 10 > vm / 10) {
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = (int) (vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0) lastRemovedDigit = 4;
            output = vr + ((vr == vm || lastRemovedDigit >= 5) ? 1 : 0);
        } else {
            while (vp / 10 > vm / 10) {
                lastRemovedDigit = (int) (vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            output = vr + ((vr == vm || lastRemovedDigit >= 5) ? 1 : 0);
        }
        return new ShortestDecimal(output, e10 + removed);
    }

    /** m (below 2^32) times factor (below 2^64), shifted right by shift (over 32); the result fits 32 bits. */
    private static long mulShift(long m, long factor, int shift) {
        long bits0 = m * (factor & 0xffffffffL);
        long bits1 = m * (factor >>> 32);
        long sum = (bits0 >>> 32) + bits1;
        return sum >>> (shift - 32);
    }

    private static boolean multipleOfPowerOf5(long value, int p) {
        int count = 0;
        while (value % 5 == 0) {
            value /= 5;
            count++;
        }
        return count >= p;
    }
}
