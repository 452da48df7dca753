package org.tusk.storage.lmgr;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lock modes, the conflict table and lock tags as PostgreSQL defines and prints them. */
class LockModeTest {
    /** "Conflicting Lock Modes", PostgreSQL manual 13.3.1: rows requested, columns held, X conflicts. */
    private static final String[] MATRIX = {
            ".......X",
            "......XX",
            "....XXXX",
            "...XXXXX",
            "..XX.XXX",
            "..XXXXXX",
            ".XXXXXXX",
            "XXXXXXXX",
    };

    @Test
    void conflictTableIsPostgresqls() {
        for (LockMode requested : LockMode.values()) {
            for (LockMode held : LockMode.values()) {
                boolean expected = MATRIX[requested.number() - 1].charAt(held.number() - 1) == 'X';
                assertEquals(expected, requested.conflictsWith(held), requested + " vs " + held);
                assertEquals(requested.conflictsWith(held), held.conflictsWith(requested), "symmetric");
            }
        }
    }

    @Test
    void modesHavePostgresqlsNumbersAndNames() {
        assertEquals(1, LockMode.ACCESS_SHARE.number());
        assertEquals("AccessShareLock", LockMode.ACCESS_SHARE.pgName());
        assertEquals(4, LockMode.SHARE_UPDATE_EXCLUSIVE.number());
        assertEquals("ShareUpdateExclusiveLock", LockMode.SHARE_UPDATE_EXCLUSIVE.pgName());
        assertEquals(8, LockMode.ACCESS_EXCLUSIVE.number());
        assertEquals("AccessExclusiveLock", LockMode.ACCESS_EXCLUSIVE.pgName());
        assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, LockMode.of(6));
    }

    @Test
    void tagsDescribeThemselvesAsDescribeLockTagDoes() {
        assertEquals("relation 16384 of database 5", LockTag.relation(5, 16384).describe());
        assertEquals("extension of relation 16384 of database 5", LockTag.relationExtend(5, 16384).describe());
        assertEquals("tuple (3,7) of relation 16384 of database 5", LockTag.tuple(5, 16384, 3, 7).describe());
        assertEquals("transaction 4000000000", LockTag.transaction((int) 4_000_000_000L).describe());
        assertEquals("virtual transaction 3/17", LockTag.virtualTransaction(3, 17).describe());
        assertEquals("object 42 of class 1259 of database 5", LockTag.object(5, 1259, 42, 0).describe());
        assertEquals("advisory lock [5,0,7,1]", LockTag.advisory(5, 7L).describe());
        assertEquals("advisory lock [5,1,2,2]", LockTag.advisory(5, 1, 2).describe());
        assertEquals(LockTag.USER_LOCKMETHOD, LockTag.advisory(5, 7L).lockMethodId());
        assertEquals(LockTagType.TRANSACTION, LockTag.transaction(9).type());
        assertEquals("transactionid", LockTagType.TRANSACTION.pgName());
        assertEquals("extend", LockTagType.RELATION_EXTEND.pgName());
    }

    @Test
    void hashesSpreadOverAllPartitions() {
        Set<Integer> partitions = new HashSet<>();
        for (int rel = 16384; rel < 16384 + 200; rel++) partitions.add(LockTag.relation(5, rel).hashCode32() & 15);
        assertEquals(16, partitions.size());
        assertTrue(LockTag.relation(5, 1).hashCode32() != LockTag.relationExtend(5, 1).hashCode32());
    }

    @Test
    void nowaitErrorsNameTheObjectAsPostgresqlDoes() {
        var e = LockErrors.couldNotObtainLockOnRelation("accounts");
        assertEquals("55P03", e.sqlState());
        assertEquals("could not obtain lock on relation \"accounts\"", e.getMessage());
        assertEquals("could not obtain lock on row in relation \"accounts\"",
                LockErrors.couldNotObtainLockOnRow("accounts").getMessage());
    }
}
