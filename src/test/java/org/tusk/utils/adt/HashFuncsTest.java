package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The extended hash functions give PostgreSQL 15's values (taken from a PostgreSQL 15 server). */
class HashFuncsTest {
    /** HASH_PARTITION_SEED. */
    private static final long SEED = 0x7A5B22367996DCFDL;

    @Test
    void int4HashesAsHashint4extended() {
        assertEquals(-3670598878359251130L, HashFuncs.hashInt4Extended(1, 0));
        assertEquals(5968994663651403477L, HashFuncs.hashInt4Extended(1, SEED));
    }

    @Test
    void int8HashesAsHashint8extended() {
        assertEquals(5466844944386338076L, HashFuncs.hashInt8Extended(-5, SEED));
        // equal int4 and int8 values hash alike (cross-type hash opfamily)
        assertEquals(HashFuncs.hashInt4Extended(7, SEED), HashFuncs.hashInt8Extended(7L, SEED));
    }

    @Test
    void textHashesAsHashtextextended() {
        assertEquals(-1005321420951963093L, HashFuncs.hashTextExtended("hello world, long text!", SEED));
        assertEquals(-6939563903564495251L, HashFuncs.hashTextExtended("", 0));
        assertEquals(HashFuncs.hashTextExtended("ab", SEED), HashFuncs.hashBpcharExtended("ab   ", SEED));
    }

    @Test
    void intervalHashAgreesWithIntervalEquality() {
        assertEquals(HashFuncs.intervalHash(new Interval(1, 0, 0)), HashFuncs.intervalHash(new Interval(0, 30, 0)));
        assertEquals(HashFuncs.intervalHash(new Interval(0, 1, 0)), HashFuncs.intervalHash(new Interval(0, 0, 86_400_000_000L)));
        org.junit.jupiter.api.Assertions.assertNotEquals(HashFuncs.intervalHash(new Interval(0, 1, 0)),
                HashFuncs.intervalHash(new Interval(0, 2, 0)));
    }
}
