package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

class IntMathTest {
    @Test
    void gcdAndLcmFollowIntC() {
        assertEquals(1466, IntMath.gcd(61866666, 6410818, 32));
        assertEquals(1466, IntMath.gcd(-61866666, -6410818, 32));
        assertEquals(0, IntMath.gcd(0, 0, 32));
        assertEquals(1073741824, IntMath.gcd(Integer.MIN_VALUE, 1073741824, 32));
        assertEquals(1, IntMath.gcd(Integer.MIN_VALUE, -1, 32));
        PgException e = assertThrows(PgException.class, () -> IntMath.gcd(Integer.MIN_VALUE, 0, 32));
        assertEquals("integer out of range", e.getMessage());
        assertThrows(PgException.class, () -> IntMath.gcd(Long.MIN_VALUE, Long.MIN_VALUE, 64));
        assertEquals(2310, IntMath.lcm(-330, 462, 32));
        assertEquals(0, IntMath.lcm(Integer.MIN_VALUE, 0, 32));
        assertThrows(PgException.class, () -> IntMath.lcm(Integer.MIN_VALUE, 1, 32));
        assertThrows(PgException.class, () -> IntMath.lcm(2147483647, 2147483646, 32));
        assertEquals("bigint out of range",
                assertThrows(PgException.class, () -> IntMath.lcm(Long.MAX_VALUE, Long.MAX_VALUE - 1, 64)).getMessage());
    }

    @Test
    void shiftsWrapLikeC() {
        assertEquals(Integer.MIN_VALUE, IntMath.shl(-1, 31, 32));
        assertEquals(-32768, IntMath.shl(1, 15, 16));
        assertEquals(-1, IntMath.shr(-8, 3, 16));
        assertEquals(1L << 40, IntMath.shl(1, 40, 64));
        assertEquals(-4, IntMath.shr(-16, 2, 64));
    }
}
