package org.tusk.tcop;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.Sql;

/** EXPLAIN end to end over in-memory storage: grammar, options, the printed plan, ANALYZE's counts. */
class ExplainEngineTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory();
        sql.rows("create table t (id int primary key, name text, score int)");
        sql.rows("insert into t values (1, 'a', 10), (2, 'b', 20), (3, 'c', 30)");
    }

    @Test
    void explainReturnsOneTextColumnNamedQueryPlanWithTagExplain() {
        List<String> rows = sql.rows("explain (costs off) select name from t where score > 15 order by name");
        assertEquals(List.of("Sort", "  Sort Key: name", "  ->  Seq Scan on t", "        Filter: (score > 15)"), rows);
        assertEquals("QUERY PLAN", sql.last.columns().get(0).name());
        assertEquals(1, sql.last.columns().size());
        assertEquals("EXPLAIN", sql.last.commandTag());
    }

    @Test
    void uniqueEqualityUsesTheIndexAndShowsItsCondition() {
        assertEquals(List.of("Index Scan using t_pkey on t", "  Index Cond: (id = 2)"),
                sql.rows("explain (costs off) select * from t where id = 2"));
    }

    @Test
    void oldSyntaxAnalyzeVerboseRunsTheStatement() {
        List<String> rows = sql.rows("explain analyze verbose select count(*) from t");
        assertTrue(rows.get(0).matches("Aggregate  \\(cost=\\S+ rows=1 width=8\\) \\(actual time=\\S+ rows=1 loops=1\\)"), rows.get(0));
        assertEquals("  Output: count(*)", rows.get(1));
        assertTrue(rows.get(2).matches("  ->  Seq Scan on public.t  \\(cost=\\S+ rows=\\d+ width=\\d+\\) \\(actual time=\\S+ rows=3 loops=1\\)"),
                rows.get(2));
        assertEquals("        Output: id, name, score", rows.get(3));
        assertTrue(rows.get(4).startsWith("Planning Time: "));
        assertTrue(rows.get(5).startsWith("Execution Time: "));
    }

    @Test
    void analyzeOfAnUpdateChangesTheRowsAndCountsLoops() {
        List<String> rows = sql.rows("explain (analyze, costs off, timing off, summary off) update t set score = 0 where score < 25");
        assertEquals(List.of("Update on t (actual rows=0 loops=1)", "  ->  Seq Scan on t (actual rows=2 loops=1)",
                "        Filter: (score < 25)"), rows);
        assertEquals(List.of("1|0", "2|0", "3|30"), sql.rows("select id, score from t order by id"));
    }

    @Test
    void parameterizedNestedLoopShowsTheOuterValueInTheIndexCondition() {
        sql.rows("create table u (tid int, v int)");
        sql.rows("set enable_hashjoin = off");
        sql.rows("set enable_mergejoin = off");
        List<String> rows = sql.rows("explain (costs off) select * from u join t on t.id = u.tid");
        assertEquals(List.of("Nested Loop", "  ->  Seq Scan on u", "  ->  Index Scan using t_pkey on t",
                "        Index Cond: (id = u.tid)"), rows);
    }

    @Test
    void badOptionsAreRefusedWithPostgresMessages() {
        assertEquals("42601: unrecognized EXPLAIN option \"bogus\"", sql.error("explain (bogus) select 1"));
        assertEquals("22023: unrecognized value for EXPLAIN option \"format\": \"csv\"", sql.error("explain (format csv) select 1"));
        assertEquals("22023: EXPLAIN option TIMING requires ANALYZE", sql.error("explain (timing on) select 1"));
        assertTrue(sql.error("explain create table x (a int)").startsWith("42601: syntax error at or near \"create\""));
    }
}
