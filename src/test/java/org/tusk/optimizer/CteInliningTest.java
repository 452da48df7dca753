package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/**
 * SS_process_ctes' inlining of WITH queries and remove_unused_subquery_outputs, seen through
 * the plans (is a CTE Scan left?) and the answers. Expected answers are PostgreSQL 15's.
 */
class CteInliningTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table t (q1 int8, q2 int8)");
        sql.rows("insert into t values (123, 456), (123, 4567890123456789), (4567890123456789, 123),"
                + " (4567890123456789, 4567890123456789), (4567890123456789, -4567890123456789)");
        sql.rows("create table i4 (f1 int)");
        sql.rows("insert into i4 values (0), (123456), (-123456)");
    }

    /** Whether the plan of {@code query} scans a WITH query (a CTE Scan) anywhere. */
    private boolean scansCte(String query) {
        sql.rows(query);
        return hasCteScan(sql.last.plannedStmt().planTree());
    }

    private static boolean hasCteScan(Object node) {
        if (node instanceof Plan.CteScan) return true;
        if (node instanceof Expr.SubPlan sp) return hasCteScan(sp.plan());
        if (node instanceof Record r && r.getClass().getPackageName().equals("org.tusk.nodes")) {
            for (Object c : org.tusk.nodes.NodeFields.children(r)) if (hasCteScan(c)) return true;
        } else if (node instanceof List<?> l) {
            for (Object o : l) if (hasCteScan(o)) return true;
        }
        return false;
    }

    @Test
    void aWithQueryReadOnceIsInlined() {
        assertFalse(scansCte("with x as (select * from t) select * from x where q1 = 123"));
        assertEquals(List.of("123|456", "123|4567890123456789"),
                sql.rows("with x as (select * from t) select * from x where q1 = 123 order by q2"));
        // one reference inside another WITH query that is itself inlined
        assertFalse(scansCte("with a as (select q1 from t), b as (select max((select sum(q1) from a)) as m) select m from b"));
    }

    @Test
    void materializedOrReadTwiceStaysACte() {
        assertTrue(scansCte("with x as materialized (select * from t) select * from x"));
        assertTrue(scansCte("with x as (select * from t) select * from x, x x2 where x.q1 = x2.q2"));
        assertFalse(scansCte("with x as not materialized (select * from t) select * from x, x x2 where x.q1 = x2.q2"));
        assertEquals(List.of("8"), sql.rows("with x as not materialized (select * from t) "
                + "select count(*) from x, x x2 where x.q1 = x2.q2"));
    }

    @Test
    void sideEffectsKeepItACte() {
        // a volatile function must run once, whatever reads the WITH query
        assertTrue(scansCte("with x as (select q1, random() r from t) select q1 from x"));
        // data-modifying and row-locking WITH queries are never inlined
        assertTrue(scansCte("with x as (select * from t for update) select * from x"));
        assertTrue(scansCte("with recursive x(n) as (select 1 union all select n + 1 from x where n < 3) select * from x"));
    }

    @Test
    void anUnreferencedSelectIsNotPlanned() {
        assertFalse(scansCte("with x as (select 1/0) select 1"));
        assertEquals(List.of("1"), sql.rows("with x as (select 1/0) select 1"));
    }

    @Test
    void aCorrelatedWithQueryIsEvaluatedPerOuterRow() {
        assertEquals(List.of("0", "123456", "-123456"),
                sql.rows("select (with cte(foo) as (values (f1)) select (select foo from cte)) from i4"));
    }

    @Test
    void aScalarSubSelectOfValuesIsNamedColumn1() {
        // FigureColname takes the sub-select's first column name; a VALUES list's is column1
        sql.rows("select (with cte(foo) as (values (f1)) values ((select foo from cte))) from i4");
        assertEquals(List.of("column1"), sql.last.plannedStmt().columnNames());
    }

    @Test
    void unreadSubqueryColumnsAreNotComputed() {
        // t_sub would be "more than one row returned by a subquery"; nothing reads it
        assertEquals(List.of("123", "123", "4567890123456789", "4567890123456789", "4567890123456789"),
                sql.rows("select q1 from (with t_cte as (select * from t) "
                        + "select q1, (select q2 from t_cte where t_cte.q1 = i8.q1) as t_sub from t i8) ss order by q1"));
        // read, it still fails as PostgreSQL does
        assertEquals("21000: more than one row returned by a subquery used as an expression",
                sql.error("select t_sub from (with t_cte as (select * from t) "
                        + "select q1, (select q2 from t_cte where t_cte.q1 = i8.q1) as t_sub from t i8) ss"));
    }
}
