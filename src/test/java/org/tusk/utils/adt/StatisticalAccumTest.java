package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** The statistical aggregate states and finals; expected values are PostgreSQL 15's, digit for digit. */
class StatisticalAccumTest {
    private static NumericAccum numeric(String... values) {
        NumericAccum s = NumericAccum.EMPTY;
        for (String v : values) s = s.accum(new BigDecimal(v));
        return s;
    }

    @Test
    void numericVarianceAndStddev() {
        NumericAccum s = numeric("1", "2.5", "3.25", "7");
        assertEquals("4.8867187500000000", s.result(true, false).toPlainString());
        assertEquals("6.5156250000000000", s.result(true, true).toPlainString());
        assertEquals("2.2105923979784242", s.result(false, false).toPlainString());
        assertEquals("2.5525722320827671", s.result(false, true).toPlainString());
    }

    @Test
    void numericEdgeCases() {
        assertNull(NumericAccum.EMPTY.result(true, false));
        assertNull(numeric("1").result(true, true));
        assertEquals("0", numeric("1").result(true, false).toPlainString());
        assertSame(NumericSpecial.NAN, NumericAccum.EMPTY.accum(NumericSpecial.PINF).accum(BigDecimal.ONE).result(true, true));
    }

    private static double[] floats(double... values) {
        double[] s = FloatAccum.initial();
        for (double v : values) s = FloatAccum.accum(s, v);
        return s;
    }

    @Test
    void floatVariance() {
        double[] s = floats(1.5, 2, 3.3, 7);
        assertEquals("6.176666666666666", Floats.float8out(FloatAccum.variance(s, true, false)));
        assertEquals("2.152324325003088", Floats.float8out(FloatAccum.variance(s, false, true)));
        assertNull(FloatAccum.variance(floats(1), true, false));
        assertTrue(Double.isNaN(FloatAccum.variance(floats(Double.NaN, 1), true, false)));
        assertThrows(PgException.class, () -> floats(1e308, -1e308, 1e308));
    }

    @Test
    void regression() {
        double[] s = FloatAccum.initialRegr();
        double[][] pairs = {{1, 2}, {3, 5}, {4, 4.5}};
        for (double[] p : pairs) s = FloatAccum.regrAccum(s, p[0], p[1]);
        assertEquals("0.8387096774193548", Floats.float8out(FloatAccum.regrFinal("regr_slope", s)));
        assertEquals("-0.5483870967741927", Floats.float8out(FloatAccum.regrFinal("regr_intercept", s)));
        assertEquals("0.8824975032927698", Floats.float8out(FloatAccum.regrFinal("corr", s)));
        assertEquals("2.1666666666666665", Floats.float8out(FloatAccum.regrFinal("covar_samp", s)));
        assertEquals("0.7788018433179722", Floats.float8out(FloatAccum.regrFinal("regr_r2", s)));
        assertNull(FloatAccum.regrFinal("regr_sxx", FloatAccum.initialRegr()));
    }

    @Test
    void combineMatchesSequentialAccumulation() {
        double[] a = floats(1, 2, 3), b = floats(10, 20);
        double[] all = floats(1, 2, 3, 10, 20);
        double[] c = FloatAccum.combine(a, b);
        assertEquals(all[0], c[0]);
        assertEquals(all[1], c[1]);
        assertEquals(all[2], c[2], 1e-9);
        assertArrayEquals(a, FloatAccum.combine(a, FloatAccum.initial()));
    }
}
