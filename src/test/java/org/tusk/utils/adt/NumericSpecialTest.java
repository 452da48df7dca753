package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** numeric NaN/Infinity input, output, arithmetic and ordering; scale functions, ln/log/exp. */
class NumericSpecialTest {
    private static BigDecimal n(String s) { return Numerics.numericIn(s); }

    @Test
    void inputAndOutput() {
        assertSame(NumericSpecial.NAN, n(" nan "));
        assertSame(NumericSpecial.PINF, n("inf"));
        assertSame(NumericSpecial.NINF, n("-Infinity"));
        assertEquals("-Infinity", Numerics.numericOut(n("-inf")));
        PgException e = assertThrows(PgException.class, () -> n("infinit"));
        assertEquals("invalid input syntax for type numeric: \"infinit\"", e.getMessage());
    }

    @Test
    void arithmeticFollowsNumericC() {
        assertSame(NumericSpecial.NAN, Numerics.add(n("Infinity"), n("-Infinity")));
        assertSame(NumericSpecial.NINF, Numerics.mul(n("Infinity"), n("-4.2")));
        assertSame(NumericSpecial.NAN, Numerics.mul(n("Infinity"), n("0")));
        assertEquals(BigDecimal.ZERO, Numerics.div(n("4.2"), n("Infinity")));
        assertEquals(n("4.2"), Numerics.mod(n("4.2"), n("-Infinity")));
        assertThrows(PgException.class, () -> Numerics.div(n("Infinity"), n("0")));
        assertSame(NumericSpecial.PINF, n("-Infinity").negate());
        assertSame(NumericSpecial.PINF, Numerics.power(n("2"), n("Infinity")));
        assertEquals(BigDecimal.ONE, Numerics.power(n("NaN"), n("0")));
    }

    @Test
    void nanSortsHighest() {
        assertTrue(Numerics.cmp(n("NaN"), n("Infinity")) > 0);
        assertTrue(Numerics.cmp(n("Infinity"), n("1e1000")) > 0);
        assertTrue(Numerics.cmp(n("-Infinity"), n("-1e1000")) < 0);
        assertEquals(0, Numerics.cmp(n("NaN"), n("NaN")));
    }

    @Test
    void typmodAndConversions() {
        PgException e = assertThrows(PgException.class, () -> Numerics.applyTypmod(n("Infinity"), ((10 << 16) | 2) + 4));
        assertEquals("A field with precision 10, scale 2 cannot hold an infinite value.", e.detail());
        e = assertThrows(PgException.class, () -> Ints.fromNumeric(n("NaN"), "integer", Integer.MIN_VALUE, Integer.MAX_VALUE));
        assertEquals("cannot convert NaN to integer", e.getMessage());
    }

    @Test
    void scaleAndLogFunctions() {
        assertEquals(3, NumericFuncs.scale(n("1.230")));
        assertEquals(2, NumericFuncs.minScale(n("1.230")));
        assertEquals(n("1.23"), NumericFuncs.trimScale(n("1.230")));
        assertNull(NumericFuncs.scale(n("NaN")));
        assertEquals(n("3"), NumericFuncs.div(n("7.5"), n("2")));
        assertEquals(new BigDecimal("2.3025850929940457"), NumericFuncs.ln(n("10")));
        assertEquals(new BigDecimal("3.0000000000000000"), NumericFuncs.log(n("2"), n("8")));
        assertEquals(new BigDecimal("2.7182818284590452"), NumericFuncs.exp(n("1")));
        assertEquals(new BigDecimal("120"), NumericFuncs.factorial(5));
        PgException e = assertThrows(PgException.class, () -> NumericFuncs.ln(n("0")));
        assertEquals("cannot take logarithm of zero", e.getMessage());
    }
}
