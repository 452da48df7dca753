package org.tusk.utils.adt.formatting;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.tusk.utils.adt.NumericSpecial;
import org.tusk.utils.error.PgException;

/** to_char for numbers and to_number; every expected string is PostgreSQL 15's output. */
class NumericFormattingTest {
    private static String num(String v, String fmt) { return NumericFormatting.toChar(new BigDecimal(v), fmt); }

    @Test
    void numericPictures() {
        assertEquals("           -34,338,492.215,397,047,000,000",
                num("-34338492.215397047", "9G999G999G999G999G999D999G999G999G999G999"));
        assertEquals("        <34338492.215397047000000>", num("-34338492.215397047", "9999999999999999.999999999999999PR"));
        assertEquals("4.31+", num("4.31", "FM9999999999999999.999999999999999S"));
        assertEquals("  .1", num("0.1", "9.9"));
        assertEquals("0.", num("0", "FM9.9"));
        assertEquals("-0.50", num("-0.5", "S0.99"));
        assertEquals(" 1.2e+04", num("12345.678", "99999.9EEEE"));
        assertEquals("1235th", num("1234.5", "FM9999th"));
        assertEquals("   779946141", num("7799461.4119", "999999999V99"));
        assertEquals("        CDLXXXV", num("485", "RN"));
        assertEquals("Text -485 rest", num("-485", "\"Text\" S999 \"rest\""));
        assertEquals("100.", num("100", "FM999.9"));
        assertEquals("  1.00", num("1", "L9.99"));
        assertEquals("1,234.50-", num("-1234.5", "9,999.99MI"));
        assertEquals("+ 1234.50", num("1234.5", "PL9999.99"));
        assertEquals("- 12", num("-12", "SG999"));
        assertEquals(" ##.##", num("4200000000", "99.99"));
    }

    @Test
    void specialNumericValues() {
        assertEquals("   Infinity", NumericFormatting.toChar(NumericSpecial.PINF, "MI9999999999.99"));
        assertEquals("-##.##", NumericFormatting.toChar(NumericSpecial.NINF, "MI99.99"));
        assertEquals("", NumericFormatting.toChar(BigDecimal.ONE, ""));
    }

    @Test
    void integerAndFloatPictures() {
        assertEquals(" 4,567,890,123,456,789", NumericFormatting.toChar(4567890123456789L, false, "9G999G999G999G999G999"));
        assertEquals("-4567890123456789.000", NumericFormatting.toChar(-4567890123456789L, false, "FM9999999999999999.000"));
        assertEquals("XLII", NumericFormatting.toChar(42, true, "FMRN"));
        assertEquals(" 13th", NumericFormatting.toChar(13, true, "99th"));
        assertEquals(" 2.15e+09", NumericFormatting.toChar(2147483647, true, "9.99EEEE"));
        assertEquals("1234.57", NumericFormatting.toChar(1234.5678, 15, "FM9999.99"));
        // glibc rounds the exact binary value half-even: 0.125 is a tie
        assertEquals("  .12", NumericFormatting.toChar(0.125, 15, "9.99"));
        assertEquals(" #######", NumericFormatting.toChar(1e20, 15, "9999999"));
        assertEquals(" -.00", NumericFormatting.toChar(-0.001, 15, "9.99"));
        assertEquals(" 123.456", NumericFormatting.toChar((double) 123.456f, 6, "999.999"));
        assertEquals("   Infinity", NumericFormatting.toChar(Double.POSITIVE_INFINITY, 15, "MI9999999999.99"));
    }

    @Test
    void toNumber() {
        assertEquals(new BigDecimal("-34338492"), NumericFormatting.toNumber("-34,338,492", "99G999G999"));
        assertEquals(new BigDecimal("-34338492.654878"), NumericFormatting.toNumber("-34,338,492.654,878", "99G999G999D999G999"));
        assertEquals(new BigDecimal("-0.01"), NumericFormatting.toNumber("0.01-", "99.99S"));
        assertEquals(new BigDecimal("1234.56"), NumericFormatting.toNumber("1,234.56", "L99,999.99"));
        assertEquals(new BigDecimal("42"), NumericFormatting.toNumber("42nd", "99th"));
        assertNull(NumericFormatting.toNumber("1", ""));
    }

    @Test
    void pictureErrors() {
        PgException e = assertThrows(PgException.class, () -> num("1", "9.9.9"));
        assertEquals("multiple decimal points", e.getMessage());
        assertEquals("42601", e.sqlState());
        e = assertThrows(PgException.class, () -> num("1", "9EEEEPR"));
        assertEquals("\"EEEE\" must be the last pattern used", e.getMessage());
        e = assertThrows(PgException.class, () -> NumericFormatting.toNumber("1", "RN"));
        assertEquals("\"RN\" not supported for input", e.getMessage());
        e = assertThrows(PgException.class, () -> NumericFormatting.toNumber("x", "9"));
        assertEquals("invalid input syntax for type numeric: \" \"", e.getMessage());
    }
}
