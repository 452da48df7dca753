package org.tusk.tcop;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.tusk.testsupport.Sql;

/** json[b]_object_agg take "any" arguments: unknown literals are text (PostgreSQL 15's answers). */
class JsonObjectAggAnyTest {
    @Test
    void unknownLiteralsAreText() {
        Sql sql = Sql.inMemory();
        assertEquals("{\"a\": \"abc\"}", sql.value("select jsonb_object_agg(distinct 'a', 'abc')"));
        assertEquals("{ \"k\" : 1 }", sql.value("select json_object_agg('k', 1)"));
        assertEquals("22023: field name must not be null", sql.error("select jsonb_object_agg(null, '{\"a\":1}')"));
    }
}
