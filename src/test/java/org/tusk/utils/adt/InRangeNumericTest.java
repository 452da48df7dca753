package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** in_range_numeric_numeric's answers for NaN and infinities (window.sql's numerics table). */
class InRangeNumericTest {
    private static boolean in(BigDecimal val, BigDecimal base, BigDecimal off, boolean sub, boolean less) {
        return InRange.inRange(val, base, off, sub, less, ZoneOffset.UTC);
    }

    @Test
    void finiteOffsetsAroundInfinities() {
        BigDecimal one = BigDecimal.ONE;
        // -Infinity - 1 is -Infinity: a finite value is not at or below it
        assertFalse(in(new BigDecimal("-3"), NumericSpecial.NINF, one, true, true));
        assertTrue(in(NumericSpecial.NINF, NumericSpecial.NINF, one, true, false));
        // a finite value is below Infinity - 1
        assertTrue(in(new BigDecimal("100"), NumericSpecial.PINF, one, true, true));
        assertFalse(in(new BigDecimal("100"), NumericSpecial.PINF, one, true, false));
    }

    @Test
    void infiniteOffsetsAndNaN() {
        // Infinity preceding from Infinity would be NaN: every row is in
        assertTrue(in(new BigDecimal("-3"), NumericSpecial.PINF, NumericSpecial.PINF, true, false));
        assertTrue(in(NumericSpecial.NINF, new BigDecimal("2"), NumericSpecial.PINF, true, true));
        assertFalse(in(new BigDecimal("2"), new BigDecimal("2"), NumericSpecial.PINF, true, true));
        // NaN sorts above everything and equals NaN
        assertTrue(in(NumericSpecial.NAN, NumericSpecial.NAN, one(), false, true));
        assertFalse(in(NumericSpecial.NAN, BigDecimal.TEN, one(), false, true));
        assertTrue(in(BigDecimal.TEN, NumericSpecial.NAN, one(), false, true));
        PgException e = assertThrows(PgException.class, () -> InRange.checkOffset(NumericSpecial.NAN));
        assertEquals("22013", e.sqlState());
    }

    private static BigDecimal one() {
        return BigDecimal.ONE;
    }
}
