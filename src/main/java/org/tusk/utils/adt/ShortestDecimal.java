package org.tusk.utils.adt;

/**
 * A decimal {@code mantissa * 10^exponent}: what PostgreSQL's Ryu code (src/common/d2s.c and
 * f2s.c) finds as the shortest representation of a float8 or float4, before it is laid out as
 * text. The mantissa may carry trailing decimal zeros when it came from the small-integer path.
 */
public record ShortestDecimal(long mantissa, int exponent) {

    /** Powers-of-two and powers-of-five logarithms shared by both precisions (ryu_common.h). */
    static int pow5bits(int e) {
        // e == 0 ? 1 : ceil(log2(5^e)); exact for 0 <= e <= 3528
        return (int) (((e & 0xffffffffL) * 1217359) >>> 19) + 1;
    }

    /** floor(log10(2^e)), exact for 0 <= e <= 1650. */
    static int log10Pow2(int e) {
        return (int) (((e & 0xffffffffL) * 78913) >>> 18);
    }

    /** floor(log10(5^e)), exact for 0 <= e <= 2620. */
    static int log10Pow5(int e) {
        return (int) (((e & 0xffffffffL) * 732923) >>> 20);
    }

    /** The number of decimal digits of a positive value. */
    static int decimalLength(long v) {
        int n = 1;
        for (long p = 10; n < 19 && v >= p; p *= 10) n++;
        return n;
    }
}
