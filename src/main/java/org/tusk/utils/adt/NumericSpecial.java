package org.tusk.utils.adt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * numeric's special values NaN, +Infinity and -Infinity (NUMERIC_NAN/PINF/NINF of numeric.c).
 * numeric values are BigDecimals throughout the system, so the specials are the three
 * instances of this subclass; {@link Numerics} implements PostgreSQL's rules for them, and the
 * BigDecimal methods generic code calls on a numeric (negate, abs, signum, compareTo, add,
 * subtract, multiply, doubleValue, toString, ...) are overridden to follow the same rules
 * instead of seeing the placeholder zero underneath. Immutable.
 */
public final class NumericSpecial extends BigDecimal {
    public enum Kind { NAN, PINF, NINF }

    public static final NumericSpecial NAN = new NumericSpecial(Kind.NAN);
    public static final NumericSpecial PINF = new NumericSpecial(Kind.PINF);
    public static final NumericSpecial NINF = new NumericSpecial(Kind.NINF);

    private final Kind kind;

    private NumericSpecial(Kind kind) {
        super(0);
        this.kind = kind;
    }

    public Kind kind() { return kind; }

    public static boolean isSpecial(BigDecimal d) { return d instanceof NumericSpecial; }

    public static boolean isNaN(BigDecimal d) { return d == NAN; }

    /** The infinity of the given sign. */
    static NumericSpecial inf(int sign) { return sign < 0 ? NINF : PINF; }

    @Override public int signum() { return kind == Kind.PINF ? 1 : kind == Kind.NINF ? -1 : 0; }
    @Override public BigDecimal negate() { return kind == Kind.PINF ? NINF : kind == Kind.NINF ? PINF : NAN; }
    @Override public BigDecimal negate(MathContext mc) { return negate(); }
    @Override public BigDecimal abs() { return kind == Kind.NAN ? NAN : PINF; }
    @Override public BigDecimal abs(MathContext mc) { return abs(); }
    @Override public BigDecimal add(BigDecimal o) { return Numerics.add(this, o); }
    @Override public BigDecimal subtract(BigDecimal o) { return Numerics.sub(this, o); }
    @Override public BigDecimal multiply(BigDecimal o) { return Numerics.mul(this, o); }
    @Override public BigDecimal setScale(int newScale, RoundingMode roundingMode) { return this; }
    @Override public BigDecimal stripTrailingZeros() { return this; }
    @Override public int compareTo(BigDecimal o) { return Numerics.cmp(this, o); }
    @Override public boolean equals(Object o) { return o == this; }
    @Override public int hashCode() { return kind.hashCode(); }
    @Override public double doubleValue() {
        return kind == Kind.PINF ? Double.POSITIVE_INFINITY : kind == Kind.NINF ? Double.NEGATIVE_INFINITY : Double.NaN;
    }
    @Override public float floatValue() { return (float) doubleValue(); }
    @Override public String toString() { return kind == Kind.PINF ? "Infinity" : kind == Kind.NINF ? "-Infinity" : "NaN"; }
    @Override public String toPlainString() { return toString(); }
}
