package org.tusk.tcop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.Sql;

/**
 * EXPLAIN [ANALYZE] CREATE TABLE AS and SELECT INTO over in-memory storage (explain.c
 * ExplainOneUtility): the plan shown is the query's; ANALYZE creates and fills the table, WITH NO
 * DATA creates it empty and shows the plan as never executed; a taken name is an error, or with
 * IF NOT EXISTS no output at all.
 */
class ExplainCreateTableAsTest {
    private static final String OPTS = "explain (analyze, costs off, summary off, timing off) ";
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory();
        sql.rows("create table src (a int, b text)");
        sql.rows("insert into src values (1, 'x'), (2, 'y'), (3, 'z')");
    }

    @Test
    void analyzeCreatesAndFillsTheTable() {
        assertEquals(List.of("Seq Scan on src (actual rows=2 loops=1)", "  Filter: (a > 1)"),
                sql.rows(OPTS + "create table dst (n, t) as select a, b from src where a > 1"));
        assertEquals("EXPLAIN", sql.last.commandTag());
        assertEquals(List.of("2|y", "3|z"), sql.rows("select n, t from dst order by n"));
    }

    @Test
    void withNoDataCreatesAnEmptyTableAndRunsNothing() {
        assertEquals(List.of("Seq Scan on src (never executed)"),
                sql.rows(OPTS + "create table dst as select * from src with no data"));
        assertEquals("0", sql.value("select count(*) from dst"));
    }

    @Test
    void selectIntoIsExplainedAsItsQuery() {
        assertEquals(List.of("Seq Scan on src (actual rows=3 loops=1)"), sql.rows(OPTS + "select * into dst from src"));
        assertEquals("3", sql.value("select count(*) from dst"));
    }

    @Test
    void withoutAnalyzeNoTableIsCreated() {
        assertEquals(List.of("Seq Scan on src"), sql.rows("explain (costs off) create table dst as select * from src"));
        assertTrue(sql.error("select * from dst").startsWith("42P01: relation \"dst\" does not exist"));
    }

    @Test
    void aTakenNameFailsBeforePlanningUnlessIfNotExists() {
        sql.rows("create table dst (a int)");
        // the query would fail if it were planned or run: the existence check comes first
        assertEquals("42P07: relation \"dst\" already exists", sql.error(OPTS + "create table dst as select 1 / 0"));
        assertEquals(List.of(), sql.rows(OPTS + "create table if not exists dst as select 1 / 0"));
    }

    @Test
    void onlyCreateTableAsIsExplainable() {
        assertTrue(sql.error("explain create table t2 (a int)").startsWith("42601: syntax error at or near \"create\""));
    }
}
