package org.tusk.catalog;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** type_maximum_size as PostgreSQL 15 computes it (UTF8 server encoding). */
class ToastingTest {
    @Test
    void typeMaximumSize() {
        assertEquals(404, Toasting.typeMaximumSize(1043, 104));     // varchar(100)
        assertEquals(44, Toasting.typeMaximumSize(1042, 14));       // char(10)
        assertEquals(-1, Toasting.typeMaximumSize(1043, -1));       // varchar
        assertEquals(-1, Toasting.typeMaximumSize(25, -1));         // text
        assertEquals(10, Toasting.typeMaximumSize(1562, 16));       // varbit(16): header, bit length, 2 bytes
        assertEquals(16, Toasting.typeMaximumSize(1700, (10 << 16 | 2) + 4));   // numeric(10,2): 8 + 4 digits of 2 bytes
    }
}
