package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** numeric gcd/lcm and negative-scale typmods, with numeric_out's text. */
class NumericGcdTest {
    private static BigDecimal n(String s) { return new BigDecimal(s); }

    @Test
    void gcdOfFractionalValuesKeepsTheLargerScale() {
        assertEquals("875", NumericGcd.gcd(n("433125"), n("-46375")).toPlainString());
        assertEquals("87.5", NumericGcd.gcd(n("43312.5"), n("4637.5")).toPlainString());
        assertEquals("8.75000", NumericGcd.gcd(n("4331.250"), n("463.75000")).toPlainString());
        assertEquals("0", NumericGcd.gcd(n("0"), n("0")).toPlainString());
        assertSame(NumericSpecial.NAN, NumericGcd.gcd(NumericSpecial.PINF, n("42")));
    }

    @Test
    void lcm() {
        assertEquals("11851896", NumericGcd.lcm(n("423282"), n("-13272")).toPlainString());
        assertEquals("118518.96000", NumericGcd.lcm(n("4232.820"), n("132.72000")).toPlainString());
        assertEquals("0", NumericGcd.lcm(n("0"), n("13272")).toPlainString());
        assertSame(NumericSpecial.NAN, NumericGcd.lcm(n("0"), NumericSpecial.NAN));
    }

    @Test
    void negativeScaleTypmodRoundsLeftOfThePoint() {
        int typmod = ((3 << 16) | (-6 & 0x7ff)) + 4;   // numeric(3,-6)
        assertEquals(-6, Numerics.numericTypmodScale(typmod));
        assertEquals("123000000", Numerics.applyTypmod(n("123456789"), typmod).toPlainString());
        org.tusk.utils.error.PgException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.tusk.utils.error.PgException.class, () -> Numerics.applyTypmod(n("999500000"), typmod));
        assertEquals("A field with precision 3, scale -6 must round to an absolute value less than 10^9.", e.detail());
        assertEquals("numeric(3,-6)", FormatType.format(1700, typmod, true));
    }
}
