package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/**
 * eval_const_expressions: row constructors of constants become record constants, and
 * simplify_boolean_equality turns {@code b = true} into {@code b} and {@code b <> true} into
 * {@code NOT b}, as PostgreSQL 15's EXPLAIN shows them.
 */
class ConstantFoldingTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table tb (b bool, i int)");
        sql.rows("insert into tb values (true, 1), (false, 2), (null, 3)");
    }

    private String explain(String query) {
        return String.join("\n", sql.rows("explain (verbose, costs off) " + query));
    }

    @Test
    void rowsOfConstantsAreRecordConstants() {
        String plan = explain("select row(1,2), array[row(1)], row(row(1)), row(1, random())");
        assertTrue(plan.contains("Output: '(1,2)'::record, '{(1)}'::record[], '(\"(1)\")'::record, ROW(1, random())"), plan);
        assertEquals(List.of("(1,2)|{(1)}|t"), sql.rows("select row(1,2), array[row(1)], (row(1,null) is not null) is false"));
    }

    @Test
    void booleanEqualityWithAConstantIsTheColumnOrItsNegation() {
        assertTrue(explain("select i from tb where b = true").contains("Filter: tb.b"));
        assertTrue(explain("select i from tb where false <> b").contains("Filter: tb.b"));
        assertTrue(explain("select i from tb where b <> true").contains("Filter: (NOT tb.b)"));
        assertTrue(explain("select i from tb where true = (not b)").contains("Filter: (NOT tb.b)"));
        assertTrue(explain("select i from tb where b = false").contains("Filter: (NOT tb.b)"));
        assertEquals(List.of("2"), sql.rows("select i from tb where b <> true"));
        assertEquals(List.of("1"), sql.rows("select i from tb where b = true"));
        // a NULL constant leaves the comparison alone: it is NULL (no row), never the column
        assertEquals(List.of(), sql.rows("select i from tb where b = null::bool"));
    }
}
