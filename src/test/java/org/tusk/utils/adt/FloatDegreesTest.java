package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** The degree-based trigonometric functions give exact results at the special angles, as float.c's. */
class FloatDegreesTest {
    @Test
    void sineAndCosineAreExactAtSpecialAngles() {
        double[] xs = {0, 30, 90, 150, 180, 210, 270, 330, 360};
        double[] sines = {0, 0.5, 1, 0.5, 0, -0.5, -1, -0.5, 0};
        for (int i = 0; i < xs.length; i++) assertEquals(sines[i], FloatDegrees.sind(xs[i]), "sind(" + xs[i] + ")");
        double[] cx = {0, 60, 90, 120, 180, 240, 270, 300, 360};
        double[] cosines = {1, 0.5, 0, -0.5, -1, -0.5, 0, 0.5, 1};
        for (int i = 0; i < cx.length; i++) assertEquals(cosines[i], FloatDegrees.cosd(cx[i]), "cosd(" + cx[i] + ")");
    }

    @Test
    void tangentAndCotangent() {
        assertEquals(1.0, FloatDegrees.tand(45));
        assertEquals(Double.POSITIVE_INFINITY, FloatDegrees.tand(90));
        assertEquals(Double.NEGATIVE_INFINITY, FloatDegrees.tand(270));
        assertEquals(-1.0, FloatDegrees.tand(135));
        // never minus zero
        assertEquals(0L, Double.doubleToRawLongBits(FloatDegrees.tand(180)));
        assertEquals(0L, Double.doubleToRawLongBits(FloatDegrees.cotd(270)));
        assertEquals(Double.POSITIVE_INFINITY, FloatDegrees.cotd(0));
        assertEquals(Double.NEGATIVE_INFINITY, FloatDegrees.cotd(180));
        assertEquals(0.0, FloatDegrees.cotd(90));
    }

    @Test
    void inverseFunctions() {
        assertEquals(-90.0, FloatDegrees.asind(-1));
        assertEquals(-30.0, FloatDegrees.asind(-0.5));
        assertEquals(30.0, FloatDegrees.asind(0.5));
        assertEquals(180.0, FloatDegrees.acosd(-1));
        assertEquals(120.0, FloatDegrees.acosd(-0.5));
        assertEquals(60.0, FloatDegrees.acosd(0.5));
        assertEquals(45.0, FloatDegrees.atand(1));
        assertEquals(90.0, FloatDegrees.atand(Double.POSITIVE_INFINITY));
        assertEquals(180.0, FloatDegrees.atan2d(0, -10));
        assertEquals(-90.0, FloatDegrees.atan2d(-10, 0));
        assertTrue(Double.isNaN(FloatDegrees.sind(Double.NaN)));
    }

    @Test
    void outOfRangeInputs() {
        PgException e = assertThrows(PgException.class, () -> FloatDegrees.sind(Double.POSITIVE_INFINITY));
        assertEquals("input is out of range", e.getMessage());
        assertEquals("22003", e.sqlState());
        assertThrows(PgException.class, () -> FloatDegrees.acosd(1.5));
    }
}
