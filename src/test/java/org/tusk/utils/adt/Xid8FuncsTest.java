package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;
import org.tusk.utils.time.Snapshot;

class Xid8FuncsTest {
    private static final long EPOCH1 = 1L << 32;

    @Test
    void xid8ReadsAsStrtou64AndPrintsUnsigned() {
        assertEquals(-1L, Xid8Funcs.xid8in("18446744073709551615"));
        assertEquals(-1L, Xid8Funcs.xid8in("-1"));
        assertEquals(255L, Xid8Funcs.xid8in("0xff"));
        assertEquals("18446744073709551615", Xid8Funcs.xid8out(-1L));
        PgException e = assertThrows(PgException.class, () -> Xid8Funcs.xid8in("12a"));
        assertEquals("invalid input syntax for type xid8: \"12a\"", e.getMessage());
        assertTrue(Xid8Funcs.compare(-1L, 5L) > 0);
    }

    @Test
    void snapshotXidsWidenToTheEpochOfTheNextXidOrTheOneBefore() {
        long next = EPOCH1 | 100;
        assertEquals(EPOCH1 | 90, Xid8Funcs.widen(90, next));
        assertEquals(0xFFFFFFF0L, Xid8Funcs.widen(0xFFFFFFF0, next));   // numerically after next: previous epoch
        assertEquals(2L, Xid8Funcs.widen(2, next));                      // special ids are epoch 0
        Snapshot s = new Snapshot(90, 100, new int[] {95, 91, 95}, new int[0], false, 0);
        PgSnapshot p = Xid8Funcs.currentSnapshot(s, next);
        assertEquals("4294967386:4294967396:4294967387,4294967391", p.out());
    }

    @Test
    void xactStatusAsksTheProcArrayBeforeTheClog() {
        long next = 1000;
        assertEquals("in progress", Xid8Funcs.xactStatus(500, next, x -> true, x -> true));
        assertEquals("committed", Xid8Funcs.xactStatus(500, next, x -> false, x -> true));
        assertEquals("aborted", Xid8Funcs.xactStatus(500, next, x -> false, x -> false));
        assertNull(Xid8Funcs.xactStatus(0, next, x -> false, x -> true));
        // wrapped around: more than an epoch old
        assertNull(Xid8Funcs.xactStatus(500, (2 * EPOCH1) | 600, x -> false, x -> true));
        PgException e = assertThrows(PgException.class, () -> Xid8Funcs.xactStatus(1000, next, x -> false, x -> true));
        assertEquals("transaction ID 1000 is in the future", e.getMessage());
        assertEquals("22023", e.sqlState());
    }

    @Test
    void snapshotTextFormRoundTripsAndRefusesDisorder() {
        PgSnapshot s = PgSnapshot.parse("12:18:14,16,16", "pg_snapshot");
        assertArrayEquals(new long[] {14, 16}, s.xip());
        assertEquals("12:18:14,16", s.out());
        assertEquals("12:13:", PgSnapshot.parse("12:13:", "pg_snapshot").out());
        for (String bad : new String[] {"31:12:", "0:1:", "12:16:14,13", "12:16:16", "1:2", "1:3:2x"}) {
            PgException e = assertThrows(PgException.class, () -> PgSnapshot.parse(bad, "txid_snapshot"), bad);
            assertEquals("invalid input syntax for type txid_snapshot: \"" + bad + "\"", e.getMessage());
        }
        assertTrue(s.isVisible(13));
        assertFalse(s.isVisible(14));
        assertTrue(s.isVisible(15));
        assertFalse(s.isVisible(18));
    }
}
