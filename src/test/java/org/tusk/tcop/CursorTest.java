package org.tusk.tcop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt.FetchDirection;
import org.tusk.nodes.Stmt.FetchStmt;
import org.tusk.utils.error.PgException;

/** FETCH/MOVE positioning of a cursor over rows 1..5, as DoPortalRunFetch moves a portal. */
class CursorTest {
    private static Cursor cursor(boolean scroll) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i <= 5; i++) rows.add(new String[] {String.valueOf(i)});
        return new Cursor("c", "declare", false, scroll, false, 0, List.of(), rows::iterator, () -> {}, null, () -> null);
    }

    private static String fetch(Cursor c, FetchDirection d, long n) {
        List<String[]> out = new ArrayList<>();
        c.fetch(d, n, out);
        StringBuilder sb = new StringBuilder();
        for (String[] r : out) sb.append(r[0]);
        return sb.toString();
    }

    @Test
    void forwardBackwardAbsoluteRelative() {
        Cursor c = cursor(true);
        assertEquals("12", fetch(c, FetchDirection.FORWARD, 2));
        assertEquals("1", fetch(c, FetchDirection.BACKWARD, 1));
        assertEquals("", fetch(c, FetchDirection.BACKWARD, 1));   // now before the first row
        assertEquals("1", fetch(c, FetchDirection.FORWARD, 1));
        assertEquals("4", fetch(c, FetchDirection.ABSOLUTE, 4));
        assertEquals("2", fetch(c, FetchDirection.RELATIVE, -2));
        assertEquals("2", fetch(c, FetchDirection.RELATIVE, 0));  // re-fetch the current row
        assertEquals("5", fetch(c, FetchDirection.ABSOLUTE, -1));
        assertEquals("", fetch(c, FetchDirection.FORWARD, 1));    // off the end
        assertEquals("5", fetch(c, FetchDirection.BACKWARD, 1));
        assertEquals("4321", fetch(c, FetchDirection.BACKWARD, FetchStmt.FETCH_ALL));
        assertEquals("", fetch(c, FetchDirection.ABSOLUTE, 9));
        assertEquals("12345", fetch(c, FetchDirection.ABSOLUTE, 0) + fetch(c, FetchDirection.FORWARD, FetchStmt.FETCH_ALL));
    }

    @Test
    void moveCountsRowsMovedOver() {
        Cursor c = cursor(true);
        assertEquals(5, c.fetch(FetchDirection.FORWARD, FetchStmt.FETCH_ALL, null));
        assertEquals(5, c.fetch(FetchDirection.BACKWARD, FetchStmt.FETCH_ALL, null));
        assertEquals(0, c.fetch(FetchDirection.FORWARD, 0, null));  // not on a row
        assertEquals(1, c.fetch(FetchDirection.ABSOLUTE, 3, null));
        assertEquals(1, c.fetch(FetchDirection.FORWARD, 0, null));
    }

    @Test
    void noScrollCursorMovesOnlyForward() {
        Cursor c = cursor(false);
        assertEquals("123", fetch(c, FetchDirection.FORWARD, 3));
        assertEquals("5", fetch(c, FetchDirection.ABSOLUTE, 5));
        PgException e = assertThrows(PgException.class, () -> fetch(c, FetchDirection.BACKWARD, 1));
        assertEquals("55000", e.sqlState());
        assertThrows(PgException.class, () -> fetch(c, FetchDirection.ABSOLUTE, 1));
    }

    @Test
    void aFailedQueryLeavesThePortalUnusable() {
        java.util.concurrent.atomic.AtomicInteger released = new java.util.concurrent.atomic.AtomicInteger();
        Cursor c = new Cursor("c", "declare", false, false, false, 0, List.of(), () -> {
            throw PgException.error("22012", "division by zero");
        }, released::incrementAndGet, null, () -> null);
        assertEquals("22012", assertThrows(PgException.class, () -> fetch(c, FetchDirection.FORWARD, 1)).sqlState());
        PgException e = assertThrows(PgException.class, () -> fetch(c, FetchDirection.FORWARD, 1));
        assertEquals("55000: portal \"c\" cannot be run", e.sqlState() + ": " + e.getMessage());
        assertEquals(1, released.get(), "the snapshot is released when the query fails");
    }
}
