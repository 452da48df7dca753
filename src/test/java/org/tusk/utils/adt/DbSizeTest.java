package org.tusk.utils.adt;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** pg_size_pretty and fork names as PostgreSQL 15 gives them (values from a PostgreSQL 15 server). */
class DbSizeTest {
    @Test
    void sizePrettyRoundsHalfAwayFromZeroInTheLargestUnitBelowItsLimit() {
        assertEquals("0 bytes", DbSize.sizePretty(0));
        assertEquals("8192 bytes", DbSize.sizePretty(8192));
        assertEquals("10239 bytes", DbSize.sizePretty(10239));
        assertEquals("10 kB", DbSize.sizePretty(10240));
        assertEquals("32 kB", DbSize.sizePretty(32768));
        assertEquals("2168 kB", DbSize.sizePretty(2220032));
        assertEquals("20 MB", DbSize.sizePretty(20 * 1024 * 1024 + 1));
        assertEquals("-10 kB", DbSize.sizePretty(-10240));
        assertEquals("8192 PB", DbSize.sizePretty(Long.MAX_VALUE));
    }

    @Test
    void forkNames() {
        assertEquals(0, DbSize.forkNumber("main"));
        assertEquals(1, DbSize.forkNumber("fsm"));
        assertEquals(2, DbSize.forkNumber("vm"));
        assertEquals(3, DbSize.forkNumber("init"));
        PgException e = assertThrows(PgException.class, () -> DbSize.forkNumber("x"));
        assertEquals("22023", e.sqlState());
        assertEquals("invalid fork name", e.getMessage());
    }
}
