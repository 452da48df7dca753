package org.tusk.utils.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The sequences PostgreSQL 15 gives after setseed (psql: select setseed(x); select random() ...). */
class PgPrngTest {
    @Test
    void sameSequenceAsPostgres() {
        PgPrng p = new PgPrng();
        p.fseed(0.5);
        assertEquals(0.9851677175347999, p.nextDouble());
        assertEquals(0.825301858027981, p.nextDouble());
        assertEquals(0.12974610012450416, p.nextDouble());
        p.fseed(-0.25);
        assertEquals(0.5553213340039351, p.nextDouble());
    }

    @Test
    void unseededGeneratorsDiffer() {
        assertNotEquals(new PgPrng().nextDouble(), new PgPrng().nextDouble());
    }
}
