package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** numeric ^ numeric as numeric.c's power_var / power_var_int, and round()'s overflow. */
class NumericPowerTest {
    private static String pow(String x, String y) {
        return Numerics.power(new BigDecimal(x), new BigDecimal(y)).toPlainString();
    }

    @Test
    void integerPowersUnderflowToZeroAtTheResultScale() {
        assertEquals("0.0000000000000000", pow("10.0", "-2147483648"));
        assertEquals("0.0000000000000000", pow("10.0", "-2147483647"));
    }

    @Test
    void integerPowersOverflow() {
        PgException e = assertThrows(PgException.class, () -> pow("10.0", "2147483647"));
        assertEquals("value overflows numeric format", e.getMessage());
        assertThrows(PgException.class, () -> pow("117743296169.0", "1000000000"));
    }

    @Test
    void negativeBaseToHugeIntegerPowers() {
        assertEquals("1.0000000000000000", pow("-1.0", "2147483646"));
        assertEquals("-1.0000000000000000", pow("-1.0", "2147483647"));
        assertEquals("1.0000000000000000", pow("-1.0", "2147483648"));
        assertEquals("1.0000000000000000", pow("-1.0", "1000000000000000"));
        assertEquals("-1.0000000000000000", pow("-1.0", "1000000000000001"));
    }

    @Test
    void smallIntegerPowersStayExact() {
        assertEquals("1409343026052.8716016316022141", pow("3.789", "21"));
        assertEquals("0.0000000000000000", pow("0.0", "3"));
        assertEquals("1.0000000000000000", pow("7.0", "0"));
    }

    @Test
    void realPowersUnderflowToZero() {
        assertEquals(0, Numerics.power(new BigDecimal("0.9999999999"), new BigDecimal("23300000000000")).signum());
        assertEquals(0, Numerics.power(new BigDecimal("0.9999999999"), new BigDecimal("70000000000000")).signum());
    }

    @Test
    void hugePowersOfTenWithinRange() {
        BigDecimal v = Numerics.power(BigDecimal.TEN, new BigDecimal(131071));
        assertEquals(131072, v.precision() - v.scale());
    }

    @Test
    void roundingUpPastTheLargestWeightOverflows() {
        PgException e = assertThrows(PgException.class,
                () -> Numerics.round(new BigDecimal("5.5e131071"), -131072));
        assertEquals("value overflows numeric format", e.getMessage());
    }
}
