package org.tusk.catalog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** hash_ok_operator and oprcanhash over the built-in operators, with PostgreSQL 15's flags. */
class OperatorHashingTest {
    @Test
    void oprcanhashIsPostgresFlag() {
        assertTrue(OperatorHashing.oprcanhash("=", TypeOids.INT4, TypeOids.INT4));
        assertTrue(OperatorHashing.oprcanhash("=", TypeOids.TEXT, TypeOids.TEXT));
        // money's equality does not hash; no operator at all does not either
        assertFalse(OperatorHashing.oprcanhash("=", 790, 790));
        assertFalse(OperatorHashing.oprcanhash("<", TypeOids.INT4, TypeOids.INT4));
        assertFalse(OperatorHashing.oprcanhash("=", TypeOids.INT8, TypeOids.TEXT));
    }

    @Test
    void knownNotHashableOnlyJudgesBuiltinScalars() {
        assertTrue(OperatorHashing.knownNotHashable(790));
        assertFalse(OperatorHashing.knownNotHashable(TypeOids.INT4));
        assertFalse(OperatorHashing.knownNotHashable(TypeOids.RECORD));
        assertFalse(OperatorHashing.knownNotHashable(20000));
    }
}
