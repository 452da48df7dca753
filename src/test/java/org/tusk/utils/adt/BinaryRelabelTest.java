package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Binary-coercible casts between types held in different Java classes keep the Datum's bits. */
class BinaryRelabelTest {
    @Test
    void int8BitsReadAsFloat8AndBack() {
        assertEquals(Double.MIN_VALUE, BinaryRelabel.relabel(1L, Double.class));
        assertEquals(4607182418800017408L, BinaryRelabel.relabel(1.0, Long.class));
        assertEquals(-0.0, (Double) BinaryRelabel.relabel(0x8000000000000000L, Double.class));
    }

    @Test
    void int4BitsReadAsFloat4AndSameClassUnchanged() {
        assertEquals(1.0f, BinaryRelabel.relabel(0x3f800000, Float.class));
        Long same = 42L;
        assertSame(same, BinaryRelabel.relabel(same, Long.class));
        assertNull(BinaryRelabel.relabel(null, Long.class));
    }
}
