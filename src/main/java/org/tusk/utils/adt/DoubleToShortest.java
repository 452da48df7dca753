package org.tusk.utils.adt;

import java.math.BigInteger;

/**
 * The shortest decimal that reads back as a given float8, found the way PostgreSQL's d2s.c
 * (Ulf Adams's Ryu) finds it. Java's Double.toString also prints a shortest round-trip form but
 * not the same one: it insists on two digits (4.9E-324 for PostgreSQL's 5e-324) and picks the
 * exact midpoint between two doubles when that is shorter, which PostgreSQL deliberately avoids
 * (ryu_common.h's STRICTLY_SHORTEST 0, so 1e23 prints as 9.999999999999999e+22).
 */
final class DoubleToShortest {
    private DoubleToShortest() {}

    private static final int MANTISSA_BITS = 52;
    private static final int EXPONENT_BITS = 11;
    private static final int BIAS = 1023;
    private static final int POW5_INV_BITCOUNT = 122;
    private static final int POW5_BITCOUNT = 121;

    /*
     * d2s_full_table.h, computed rather than copied: POW5_SPLIT[i] is 5^i scaled to
     * POW5_BITCOUNT bits, POW5_INV_SPLIT[q] is floor(2^(bits(5^q) - 1 + POW5_INV_BITCOUNT) / 5^q) + 1.
     * Each entry is a 128-bit value held as {low 64 bits, high 64 bits}.
     */
    private static final long[][] POW5_SPLIT = new long[326][];
    private static final long[][] POW5_INV_SPLIT = new long[292][];

    static {
        BigInteger five = BigInteger.valueOf(5);
        for (int i = 0; i < POW5_SPLIT.length; i++) {
            BigInteger pow = five.pow(i);
            int len = pow.bitLength();
            BigInteger split = len > POW5_BITCOUNT ? pow.shiftRight(len - POW5_BITCOUNT) : pow.shiftLeft(POW5_BITCOUNT - len);
            POW5_SPLIT[i] = halves(split);
            if (i < POW5_INV_SPLIT.length) {
                BigInteger inv = BigInteger.ONE.shiftLeft(len - 1 + POW5_INV_BITCOUNT).divide(pow).add(BigInteger.ONE);
                POW5_INV_SPLIT[i] = halves(inv);
            }
        }
    }

    private static long[] halves(BigInteger v) {
        return new long[] {v.longValue(), v.shiftRight(64).longValue()};
    }

    /** The decimal for a finite, nonzero double's magnitude. */
    static ShortestDecimal of(double d) {
        long bits = Double.doubleToRawLongBits(d);
        long ieeeMantissa = bits & ((1L << MANTISSA_BITS) - 1);
        int ieeeExponent = (int) ((bits >>> MANTISSA_BITS) & ((1 << EXPONENT_BITS) - 1));
        ShortestDecimal small = smallInt(ieeeMantissa, ieeeExponent);
        return small != null ? small : general(ieeeMantissa, ieeeExponent);
    }

    /** d2d_small_int: an integer in [1, 2^53) is printed exactly, with no search. */
    private static ShortestDecimal smallInt(long ieeeMantissa, int ieeeExponent) {
        int e2 = ieeeExponent - BIAS - MANTISSA_BITS;
        if (e2 < -MANTISSA_BITS || e2 > 0) return null;
        long mask = (1L << -e2) - 1;
        if ((ieeeMantissa & mask) != 0) return null;
        long m2 = (1L << MANTISSA_BITS) | ieeeMantissa;
        return new ShortestDecimal(m2 >>> -e2, 0);
    }

    /** d2d with acceptBounds false, as PostgreSQL builds it. */
    private static ShortestDecimal general(long ieeeMantissa, int ieeeExponent) {
        int e2;
        long m2;
        if (ieeeExponent == 0) {
            // two extra bits so that the bounds computation stays exact
            e2 = 1 - BIAS - MANTISSA_BITS - 2;
            m2 = ieeeMantissa;
        } else {
            e2 = ieeeExponent - BIAS - MANTISSA_BITS - 2;
            m2 = (1L << MANTISSA_BITS) | ieeeMantissa;
        }
        long mv = 4 * m2;
        int mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1 : 0;

        long vr, vp, vm;
        int e10;
        boolean vrIsTrailingZeros = false;
        if (e2 >= 0) {
            int q = ShortestDecimal.log10Pow2(e2) - (e2 > 3 ? 1 : 0);
            int k = POW5_INV_BITCOUNT + ShortestDecimal.pow5bits(q) - 1;
            int i = -e2 + q + k;
            e10 = q;
            long[] mul = POW5_INV_SPLIT[q];
            vr = mulShift(4 * m2, mul, i);
            vp = mulShift(4 * m2 + 2, mul, i);
            vm = mulShift(4 * m2 - 1 - mmShift, mul, i);
            if (q <= 21) {
                // only one of mp, mv and mm can be a multiple of 5, if any
                if (mv % 5 == 0) vrIsTrailingZeros = multipleOfPowerOf5(mv, q);
                else if (multipleOfPowerOf5(mv + 2, q)) vp--;
            }
        } else {
            int q = ShortestDecimal.log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
            int i = -e2 - q;
            int k = ShortestDecimal.pow5bits(i) - POW5_BITCOUNT;
            int j = q - k;
            e10 = q + e2;
            long[] mul = POW5_SPLIT[i];
            vr = mulShift(4 * m2, mul, j);
            vp = mulShift(4 * m2 + 2, mul, j);
            vm = mulShift(4 * m2 - 1 - mmShift, mul, j);
            if (q <= 1) {
                // mv = 4 * m2 has at least two trailing zero bits; mp = mv + 2 at least one
                vrIsTrailingZeros = true;
                vp--;
            } else if (q < 63) {
                vrIsTrailingZeros = (mv & ((1L << (q - 1)) - 1)) == 0;
            }
        }

        int removed = 0;
        long output;
        if (vrIsTrailingZeros) {
            // the rare general case: the exact value may end in ...50..0, which rounds to even
            int lastRemovedDigit = 0;
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
            boolean roundUp = false;
            while (vp / 10 > vm / 10) {
                roundUp = vr % 10 >= 5;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            output = vr + ((vr == vm || roundUp) ? 1 : 0);
        }
        return new ShortestDecimal(output, e10 + removed);
    }

    /** The 64x128-bit product of m and mul, shifted right by j (at least 115): its top 64 bits suffice. */
    private static long mulShift(long m, long[] mul, int j) {
        long b0Hi = Math.unsignedMultiplyHigh(m, mul[0]);
        long b2Lo = m * mul[1];
        long b2Hi = Math.unsignedMultiplyHigh(m, mul[1]);
        long lo = b2Lo + b0Hi;
        long hi = b2Hi + (Long.compareUnsigned(lo, b2Lo) < 0 ? 1 : 0);
        int s = j - 64;
        return (lo >>> s) | (hi << (64 - s));
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
