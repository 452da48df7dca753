package org.tusk.tcop;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.nodes.Plan;
import org.tusk.testsupport.Sql;

/**
 * Set-returning functions end to end over in-memory storage: in FROM (FunctionScan, WITH
 * ORDINALITY, ROWS FROM, multi-argument unnest, LATERAL), in the select list (ProjectSet) and
 * where they are refused. Every expected row, message and error position is PostgreSQL 15's
 * answer to the same statement.
 */
class SrfEngineTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory();
        sql.rows("create table t3 (id int, arr int[], j jsonb)");
        sql.rows("insert into t3 values (1, '{1,2}', '{\"a\":1}'), (2, '{3}', '[1,2]'), (3, null, null)");
    }

    private Plan top() { return sql.last.plannedStmt().planTree(); }

    private static boolean contains(Plan p, Class<?> kind) {
        if (kind.isInstance(p)) return true;
        return switch (p) {
            case Plan.Sort s -> contains(s.child(), kind);
            case Plan.Limit l -> contains(l.child(), kind);
            case Plan.SubqueryScan s -> contains(s.child(), kind);
            case Plan.ProjectSet s -> contains(s.child(), kind);
            case Plan.Agg a -> contains(a.child(), kind);
            case Plan.NestLoop n -> contains(n.outer(), kind) || contains(n.inner(), kind);
            default -> false;
        };
    }

    @Test
    void functionsInFrom() {
        assertEquals(List.of("1", "5", "9"), sql.rows("select * from generate_series(1, 10, 4)"));
        assertTrue(contains(top(), Plan.FunctionScan.class));
        assertEquals(List.of("3|1", "2|2", "1|3"), sql.rows("select * from generate_series(3, 1, -1) with ordinality as t(v, n)"));
        assertEquals(List.of("1|a|1", "2|b|2", "|c|3"),
                sql.rows("select * from rows from (generate_series(1, 2), unnest(array['a', 'b', 'c'])) with ordinality"));
        assertEquals(List.of("1|x", "2|y", "|z"), sql.rows("select * from unnest(array[1, 2], array['x', 'y', 'z']) as u(a, b)"));
        assertEquals(List.of("3"), sql.rows("select * from abs(-3) as t(x)"));
    }

    @Test
    void columnNamesFollowPostgres() {
        sql.rows("select * from generate_series(1, 2)");
        assertEquals(List.of("generate_series"), sql.last.plannedStmt().columnNames());
        sql.rows("select * from generate_series(1, 2) g");
        assertEquals(List.of("g"), sql.last.plannedStmt().columnNames());
        sql.rows("select * from jsonb_array_elements('[1]') with ordinality e");
        assertEquals(List.of("value", "ordinality"), sql.last.plannedStmt().columnNames());
        sql.rows("select * from jsonb_each('{\"a\":1}')");
        assertEquals(List.of("key", "value"), sql.last.plannedStmt().columnNames());
    }

    @Test
    void lateralReferences() {
        assertEquals(List.of("1|1", "1|2", "2|3"), sql.rows("select id, u from t3, unnest(arr) u order by id, u"));
        assertEquals(List.of("2|1", "2|2"),
                sql.rows("select id, e from t3, jsonb_array_elements(j) e where jsonb_typeof(j) = 'array'"));
        assertEquals(List.of("1|a|1"), sql.rows("select id, k, v from t3, lateral jsonb_each(j) as x(k, v)"
                + " where jsonb_typeof(j) = 'object'"));
    }

    @Test
    void selectListRunsSetsInLockStep() {
        assertEquals(List.of("1|1", "2|2", "3|"), sql.rows("select generate_series(1, 3), generate_series(1, 2)"));
        assertTrue(contains(top(), Plan.ProjectSet.class));
        assertEquals(List.of("1|10", "2|10", "2|20", "3|10", "3|20", "3|30"),
                sql.rows("select id, generate_series(1, id) * 10 from t3 order by 1, 2"));
        assertEquals(List.of("3|1", "3|2", "3|3"), sql.rows("select max(id), generate_series(1, max(id)) from t3"));
        assertEquals(List.of("(a,\"\"\"x y\"\"\")", "(b,null)"), sql.rows("select jsonb_each('{\"a\":\"x y\", \"b\": null}')"));
        assertEquals(List.of(), sql.rows("select unnest('{}'::int[]), 1"));
    }

    @Test
    void nestedCallsRunOneLevelPerProjectSet() {
        assertEquals(List.of("1", "1", "2", "1", "2", "3"), sql.rows("select generate_series(1, generate_series(1, 3))"));
        assertEquals(List.of("1|1", "2|1", "3|1", "2|2", "3|2"),
                sql.rows("select generate_series(generate_series(1,2), 3), generate_series(1,2)"));
        assertEquals("0A000: window function calls cannot contain set-returning function calls @12",
                sql.error("select sum(generate_series(1,3)) over ()"));
    }

    @Test
    void setsAreProducedLazily() {
        assertEquals(List.of("1", "2", "3"), sql.rows("select generate_series(1, 1000000000) limit 3"));
        assertEquals(List.of("5"), sql.rows("select count(*) from (select * from generate_series(1, 1000000000) limit 5) s"));
    }

    @Test
    void placementErrors() {
        assertEquals("0A000: set-returning functions are not allowed in WHERE @16",
                sql.error("select 1 where generate_series(1,2) > 1"));
        assertEquals("0A000: aggregate function calls cannot contain set-returning function calls @12",
                sql.error("select sum(generate_series(1,3))"));
        assertEquals("0A000: set-returning functions are not allowed in CASE @28",
                sql.error("select case when true then generate_series(1,2) end"));
        assertEquals("0A000: set-returning functions must appear at top level of FROM @19",
                sql.error("select * from abs(generate_series(1,2))"));
        assertEquals("0A000: set-returning functions are not allowed in LIMIT @24",
                sql.error("select * from t3 limit generate_series(1,2)"));
        assertEquals("42P10: table \"g\" has 1 columns available but 2 columns specified",
                sql.error("select * from generate_series(1,2) as g(a,b)"));
        assertEquals("22023: step size cannot equal zero", sql.error("select * from generate_series(1,3,0)"));
    }
}
