package org.tusk.executor;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.MovingAggregateImpl;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.TypeOids;

/** retreat/advance_windowaggregate's strictness rules over logging support functions. */
class WindowMovingAggregateTest {
    private static PgProc fn(String name, boolean strict, String sign) {
        return new PgProc(0, name, List.of(TypeOids.TEXT, TypeOids.TEXT), TypeOids.TEXT, strict, PgProc.Volatility.IMMUTABLE,
                false, (c, a) -> (a[0] == null ? "" : a[0]) + sign + (a[1] == null ? "NULL" : "'" + a[1] + "'"));
    }

    private static MovingAggregateImpl impl(boolean strict, Object init) {
        return new MovingAggregateImpl(fn("fwd", strict, "+"), fn("inv", strict, "-"), null, init, 1, false);
    }

    @Test
    void strictWithoutInitialValueTakesTheFirstInputAndResetsOnTheLast() {
        WindowMovingAggregate a = new WindowMovingAggregate(impl(true, null));
        a.advance(null, null);          // NULL input skipped
        assertNull(a.finish(null));
        a.advance(null, "a");           // first input is the state
        a.advance(null, "b");
        assertEquals("a+'b'", a.finish(null));
        assertTrue(a.retreat(null, null));   // NULL input never entered
        assertTrue(a.retreat(null, "a"));
        assertEquals("a+'b'-'a'", a.finish(null));
        assertTrue(a.retreat(null, "b"));    // the last row: back to the initial (NULL) state
        assertNull(a.finish(null));
    }

    @Test
    void nonStrictCountsEveryRow() {
        WindowMovingAggregate a = new WindowMovingAggregate(impl(false, "MI"));
        a.advance(null, null);
        a.advance(null, "a");
        assertTrue(a.retreat(null, null));
        assertEquals("MI+NULL+'a'-NULL", a.finish(null));
    }

    @Test
    void inverseReturningNullAsksForARestart() {
        PgProc fwd = fn("fwd", false, "+");
        PgProc inv = new PgProc(0, "inv", List.of(TypeOids.TEXT, TypeOids.TEXT), TypeOids.TEXT, false,
                PgProc.Volatility.IMMUTABLE, false, (c, x) -> null);
        WindowMovingAggregate a = new WindowMovingAggregate(new MovingAggregateImpl(fwd, inv, null, "I", 1, false));
        a.advance(null, "a");
        a.advance(null, "b");
        assertFalse(a.retreat(null, "a"));
    }
}
