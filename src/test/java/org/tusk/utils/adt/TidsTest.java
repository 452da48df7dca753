package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.error.PgException;

/** tidin/tidout spellings (the block unsigned), bttidcmp's order, and tidin's error. */
class TidsTest {
    @Test
    void inAndOut() {
        assertEquals(new ItemPointer(0, 1), Tids.in("(0,1)"));
        assertEquals("(1000,0)", Tids.out(Tids.in(" ( 1000 , 0 ) ")));
        assertEquals("(4294967295,65535)", Tids.out(Tids.in("(4294967295,65535)")));
        assertEquals("(4294967295,1)", Tids.out(Tids.in("(-1,1)")));
    }

    @Test
    void orderIsBlockThenOffsetUnsigned() {
        assertTrue(Tids.compare(Tids.in("(0,2)"), Tids.in("(1,1)")) < 0);
        assertTrue(Tids.compare(Tids.in("(1,2)"), Tids.in("(1,1)")) > 0);
        assertTrue(Tids.compare(Tids.in("(4294967295,1)"), Tids.in("(1,1)")) > 0);
        assertEquals(0, Tids.compare(Tids.in("(3,4)"), new ItemPointer(3, 4)));
    }

    @Test
    void invalidInput() {
        for (String s : new String[] {"0,1", "(0;1)", "(a,1)", "(0,65536)", "(4294967296,1)"}) {
            PgException e = assertThrows(PgException.class, () -> Tids.in(s));
            assertEquals("invalid input syntax for type tid: \"" + s + "\"", e.getMessage());
            assertEquals("22P02", e.sqlState());
        }
    }
}
