package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;

/**
 * contain_mutable_functions on casts: a cast is as mutable as the functions it calls, by pg_proc's
 * provolatile (date to timestamp is immutable, date to timestamptz reads TimeZone; text to date
 * goes through date_in, which reads DateStyle; text to integer is immutable).
 */
class MutableFunctionsTest {
    private static Expr param(int type) {
        return new Expr.Param(1, type);
    }

    @Test
    void castFunctionsFollowTheirVolatility() {
        assertFalse(Clauses.castIsMutable(TypeOids.DATE, TypeOids.TIMESTAMP));
        assertFalse(Clauses.castIsMutable(TypeOids.TIMESTAMP, TypeOids.DATE));
        assertFalse(Clauses.castIsMutable(TypeOids.TIMETZ, TypeOids.TIME));
        assertTrue(Clauses.castIsMutable(TypeOids.DATE, TypeOids.TIMESTAMPTZ));
        assertTrue(Clauses.castIsMutable(TypeOids.TIMESTAMPTZ, TypeOids.DATE));
        assertTrue(Clauses.castIsMutable(TypeOids.TIME, TypeOids.TIMETZ));
        assertFalse(Clauses.castIsMutable(TypeOids.INT4, TypeOids.INT8));
    }

    @Test
    void ioCoercionsFollowTheInputAndOutputFunctions() {
        assertTrue(Clauses.containsMutableFunctions(new Expr.CoerceViaIO(param(TypeOids.TEXT), TypeOids.DATE, -1)));
        assertTrue(Clauses.containsMutableFunctions(new Expr.CoerceViaIO(param(TypeOids.DATE), TypeOids.TEXT, -1)));
        assertFalse(Clauses.containsMutableFunctions(new Expr.CoerceViaIO(param(TypeOids.TEXT), TypeOids.INT4, -1)));
        // time_out is immutable, time_in is not
        assertFalse(Clauses.containsMutableFunctions(new Expr.CoerceViaIO(param(TypeOids.TIME), TypeOids.TEXT, -1)));
        assertTrue(Clauses.containsMutableFunctions(new Expr.CoerceViaIO(param(TypeOids.TEXT), TypeOids.TIME, -1)));
        // record_out
        assertTrue(Clauses.containsMutableFunctions(new Expr.CoerceViaIO(param(TypeOids.RECORD), TypeOids.TEXT, -1)));
    }
}
