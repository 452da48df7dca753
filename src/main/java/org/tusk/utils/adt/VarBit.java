package org.tusk.utils.adt;

import java.util.Arrays;

/**
 * A bit string, the value of both bit(n) and bit varying(n): PostgreSQL's {@code VarBit}
 * (varbit.h), a bit length and the bits packed most significant first, the unused low bits of
 * the last byte zero (every function here keeps them zero, as VARBIT_PAD does). Immutable.
 * Ordering is bit_cmp: the common bytes unsigned, then the shorter string first; equality and
 * hashCode agree with it.
 */
public final class VarBit implements Comparable<VarBit> {
    private final int bitLength;
    private final byte[] bits;

    /** {@code bits} must hold exactly ceil(bitLength / 8) bytes; the caller hands over ownership. */
    VarBit(int bitLength, byte[] bits) {
        this.bitLength = bitLength;
        this.bits = bits;
        int pad = bits.length * 8 - bitLength;
        if (pad > 0) bits[bits.length - 1] &= (byte) (0xFF << pad);
    }

    /** A bit string of {@code bitLength} bits from {@code bytes} (copied; extra low bits cleared). */
    public static VarBit of(int bitLength, byte[] bytes) {
        return new VarBit(bitLength, Arrays.copyOf(bytes, (bitLength + 7) / 8));
    }

    public int bitLength() { return bitLength; }

    /** VARBITS: a copy of the packed bits. */
    public byte[] bytes() { return bits.clone(); }

    byte[] raw() { return bits; }

    public boolean bit(int i) { return (bits[i >> 3] & (0x80 >> (i & 7))) != 0; }

    @Override
    public int compareTo(VarBit o) {
        // bit_cmp: compare the bytes both have, then the lengths
        int n = Math.min(bits.length, o.bits.length);
        int c = Arrays.compareUnsigned(bits, 0, n, o.bits, 0, n);
        if (c != 0) return c;
        return Integer.compare(bitLength, o.bitLength);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VarBit v && v.bitLength == bitLength && Arrays.equals(v.bits, bits);
    }

    @Override
    public int hashCode() { return 31 * bitLength + Arrays.hashCode(bits); }

    @Override
    public String toString() { return VarBits.out(this); }
}
