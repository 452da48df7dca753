package org.tusk.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.PartitionBound;
import org.tusk.catalog.PartitionKey;
import org.tusk.catalog.TypeOids;
import org.tusk.utils.error.PgException;

/** compute_partition_hash_value for the built-in hash classes, checked against PostgreSQL 15's placements. */
class PartitionHashingTest {
    private static PartitionKey int4Key(int opclass) {
        return new PartitionKey('h', new int[] {1}, new String[] {null}, new int[] {TypeOids.INT4}, new int[] {-1},
                new int[] {opclass}, new int[] {0}, new String[] {"a"});
    }

    /** Which of 4 hash partitions PostgreSQL 15 puts 1..12 in (partition by hash (a int4), modulus 4). */
    private static final int[] PG_REMAINDERS = {0, 2, 1, 3, 1, 3, 3, 1, 1, 3, 1, 0};

    @Test
    void int4KeysLandWherePostgresPutsThem() {
        PartitionKey key = int4Key(0);
        for (int v = 1; v <= 12; v++) {
            for (int r = 0; r < 4; r++) {
                boolean expected = PG_REMAINDERS[v - 1] == r;
                assertEquals(expected, PartitionHashing.remainderMatches(key, new Object[] {v}, 4, r, null),
                        "value " + v + " remainder " + r);
            }
        }
    }

    @Test
    void boundAcceptsUsesTheSameHash() {
        PartitionKey key = int4Key(0);
        PartitionBound b = new PartitionBound('h', null, null, null, 4, 2);
        assertTrue(PartitionRouting.boundAccepts(key, b, new Object[] {2}, null));
        assertFalse(PartitionRouting.boundAccepts(key, b, new Object[] {1}, null));
    }

    @Test
    void nullKeysHashToZero() {
        // compute_partition_hash_value skips NULL columns: an all-NULL key has hash 0, remainder 0
        assertEquals(0L, PartitionHashing.rowHash(int4Key(0), new Object[] {null}, null));
        assertTrue(PartitionHashing.remainderMatches(int4Key(0), new Object[] {null}, 8, 0, null));
    }

    @Test
    void aUserDefinedClassNeedsItsSupportFunction() {
        // a class the session's catalog does not know has no support function 2 to call
        assertTrue(PartitionRouting.hashesThroughFunctions(int4Key(16500)));
        assertFalse(PartitionRouting.hashesThroughFunctions(int4Key(0)));
        assertThrows(PgException.class, () -> PartitionHashing.rowHash(int4Key(16500), new Object[] {1}, null));
    }
}
