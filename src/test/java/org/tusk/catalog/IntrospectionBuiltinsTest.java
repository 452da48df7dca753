package org.tusk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tusk.testsupport.Sql;

/** The introspection functions as a client sees them; expected values are PostgreSQL 15's answers. */
class IntrospectionBuiltinsTest {
    @Test
    void pgTypeofShowsTheResolvedArgumentType() {
        Sql sql = new Sql();
        assertEquals("integer|unknown|unknown|numeric|integer[]|text|character varying",
                sql.value("select pg_typeof(1), pg_typeof('a'), pg_typeof(null), pg_typeof(1.5), pg_typeof(array[1]),"
                        + " pg_typeof('a'::text), pg_typeof('ab'::varchar(3))"));
        assertEquals("regtype", sql.value("select pg_typeof(pg_typeof(1))"));
    }
}
