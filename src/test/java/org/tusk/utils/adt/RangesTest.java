package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.*;
import static org.tusk.utils.adt.RangeTypes.*;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** rangetypes.c's semantics on RangeValues: canonical forms, ordering, predicates and set operations. */
class RangesTest {
    private static RangeValue i4(Integer lo, Integer hi, String flags) { return Ranges.construct(INT4RANGE, lo, hi, flags); }
    private static RangeValue i4(Integer lo, Integer hi) { return i4(lo, hi, "[)"); }
    private static String s(RangeValue r) { return RangeIO.out(r, String::valueOf); }

    @Test
    void discreteRangesAreCanonical() {
        assertEquals("[2,6)", s(i4(1, 5, "(]")));
        assertEquals("empty", s(i4(1, 2, "()")));
        assertEquals("empty", s(i4(3, 3)));
        assertEquals("[3,4)", s(i4(3, 3, "[]")));
        assertEquals("(,5)", s(i4(null, 5, "[)")));
        assertEquals("[2020-01-02,2020-01-06)", RangeIO.out(Ranges.construct(DATERANGE,
                LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 5), "(]"), String::valueOf));
        assertEquals("(1.5,2.5]", s(Ranges.construct(NUMRANGE, new BigDecimal("1.5"), new BigDecimal("2.5"), "(]")));
    }

    @Test
    void boundErrorsAreThoseOfPostgres() {
        PgException e = assertThrows(PgException.class, () -> i4(5, 1));
        assertEquals("range lower bound must be less than or equal to range upper bound", e.getMessage());
        e = assertThrows(PgException.class, () -> i4(1, 5, "[x"));
        assertEquals("invalid range bound flags", e.getMessage());
        e = assertThrows(PgException.class, () -> i4(1, Integer.MAX_VALUE, "[]"));
        assertEquals("integer out of range", e.getMessage());
    }

    @Test
    void orderingPutsEmptyFirstThenLowerThenUpper() {
        assertTrue(Ranges.cmp(Ranges.empty(INT4RANGE), i4(null, null)) < 0);
        assertTrue(Ranges.cmp(i4(null, 3), i4(1, 2)) < 0);
        assertTrue(Ranges.cmp(i4(1, 2), i4(1, 3)) < 0);
        assertTrue(Ranges.cmp(i4(1, null), i4(1, 3)) > 0);
        assertEquals(0, Ranges.cmp(i4(1, 5, "(]"), i4(2, 6)));
        assertEquals(i4(1, 5, "(]"), i4(2, 6));
        assertEquals(i4(1, 5, "(]").hashCode(), i4(2, 6).hashCode());
        RangeValue a = Ranges.construct(NUMRANGE, new BigDecimal("1.0"), null, "[)");
        RangeValue b = Ranges.construct(NUMRANGE, new BigDecimal("1.00"), null, "[)");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void predicates() {
        assertTrue(Ranges.contains(i4(1, 5), i4(2, 3)));
        assertTrue(Ranges.contains(i4(1, 5), Ranges.empty(INT4RANGE)));
        assertFalse(Ranges.contains(Ranges.empty(INT4RANGE), i4(2, 3)));
        assertTrue(Ranges.containsElem(i4(1, 5), 4));
        assertFalse(Ranges.containsElem(i4(1, 5), 5));
        assertTrue(Ranges.containsElem(i4(null, null), 5));
        assertTrue(Ranges.overlaps(i4(1, 5), i4(4, 7)));
        assertFalse(Ranges.overlaps(i4(1, 5), i4(5, 7)));
        assertTrue(Ranges.before(i4(1, 5), i4(5, 7)));
        assertTrue(Ranges.after(i4(5, 7), i4(1, 5)));
        assertTrue(Ranges.overLeft(i4(1, 5), i4(1, 5)));
        assertTrue(Ranges.overRight(i4(2, 5), i4(1, 3)));
        assertTrue(Ranges.adjacent(i4(1, 5), i4(5, 7)));
        assertTrue(Ranges.adjacent(i4(1, 4, "[]"), i4(5, 7)));   // canonical [1,5) meets [5,7)
        RangeValue n1 = Ranges.construct(NUMRANGE, BigDecimal.ONE, BigDecimal.TWO, "[]");
        RangeValue n2 = Ranges.construct(NUMRANGE, BigDecimal.TWO, BigDecimal.TEN, "(]");
        assertTrue(Ranges.adjacent(n1, n2));
        assertFalse(Ranges.adjacent(n1, Ranges.construct(NUMRANGE, BigDecimal.TWO, BigDecimal.TEN, "[]")));
    }

    @Test
    void setOperations() {
        assertEquals("[1,7)", s(Ranges.union(i4(1, 5), i4(5, 7), true)));
        PgException e = assertThrows(PgException.class, () -> Ranges.union(i4(1, 2), i4(5, 7), true));
        assertEquals("result of range union would not be contiguous", e.getMessage());
        assertEquals("[1,7)", s(Ranges.union(i4(1, 2), i4(5, 7), false)));
        assertEquals("[3,5)", s(Ranges.intersect(i4(1, 5), i4(3, 7))));
        assertEquals("empty", s(Ranges.intersect(i4(1, 2), i4(3, 7))));
        assertEquals("[1,3)", s(Ranges.minus(i4(1, 5), i4(3, 7))));
        assertEquals("[5,7)", s(Ranges.minus(i4(3, 7), i4(1, 5))));
        assertEquals("empty", s(Ranges.minus(i4(3, 4), i4(1, 5))));
        e = assertThrows(PgException.class, () -> Ranges.minus(i4(1, 9), i4(3, 5)));
        assertEquals("result of range difference would not be contiguous", e.getMessage());
        assertNull(Ranges.lower(i4(null, 5)));
        assertNull(Ranges.upper(Ranges.empty(INT4RANGE)));
    }
}
