package org.tusk.tcop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/** bit_and/bit_or/bit_xor over integers and the bool transition functions, with PostgreSQL 15's answers. */
class IntegerBitAggregatesTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = new Sql();
        MemEnv env = new MemEnv();
        sql.env = env;
        sql.onError = env::abortCurrentCommand;
    }

    @Test
    void bitwiseAggregatesSkipNullsAndKeepTheInputType() {
        assertEquals(List.of("1|7|6|smallint|integer|bigint"), sql.rows("select bit_and(x::int2), bit_or(x), bit_xor(x::int8),"
                + " pg_typeof(bit_and(x::int2)), pg_typeof(bit_or(x)), pg_typeof(bit_xor(x::int8))"
                + " from (values (3), (5), (null)) v(x)"));
        // no rows: NULL
        assertEquals(List.of("||"), sql.rows("select bit_and(x::int2), bit_or(x), bit_xor(x::int8)"
                + " from (values (3)) v(x) where false"));
    }

    @Test
    void boolTransitionFunctionsAreStrict() {
        assertEquals(List.of("f|t|t|t"), sql.rows("select booland_statefunc(true, false), boolor_statefunc(false, true),"
                + " booland_statefunc(null, null) is null, boolor_statefunc(null, true) is null"));
    }
}
