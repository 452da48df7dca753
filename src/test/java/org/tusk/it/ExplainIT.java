package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * EXPLAIN through a real server, compared with what PostgreSQL 15 prints for the same
 * statements over the same (empty, never analysed) tables, and sorts that spill past work_mem
 * into base/pgsql_tmp.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ExplainIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table et1 (a int, b text, c int)");
            s.execute("create table et2 (x int, y int)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static List<String> plan(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /**
     * EXPLAIN EXECUTE (ExplainExecuteQuery) explains a prepared statement, with EXPLAIN ANALYZE
     * running it with the parameter list's values: the plan an EXECUTE would get, a custom plan
     * showing the values for the first five, then the generic one ($1), as PostgreSQL 15 prints.
     */
    @Test
    void explainExecuteExplainsThePreparedStatement() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table ee (a int primary key, b text)");
            s.execute("insert into ee select g, 'x' || g from generate_series(1, 100) g");
            s.execute("prepare ee_q(int) as select * from ee where a = $1");
            assertEquals(List.of("Index Scan using ee_pkey on ee", "  Index Cond: (a = 5)"),
                    plan(c, "explain (costs off) execute ee_q(5)"));
            assertEquals(List.of("Index Scan using ee_pkey on ee (actual rows=1 loops=1)", "  Index Cond: (a = 7)"),
                    plan(c, "explain (analyze, costs off, timing off, summary off) execute ee_q(7)"));
            assertEquals(List.of("Index Scan using ee_pkey on ee (actual rows=0 loops=1)", "  Index Cond: (a = 700)"),
                    plan(c, "explain (analyze, costs off, timing off, summary off) execute ee_q(700)"));
            for (int i = 1; i <= 3; i++) s.execute("execute ee_q(" + i + ")");
            // the sixth: the generic plan costs no more than the custom ones did
            assertEquals(List.of("Index Scan using ee_pkey on ee (actual rows=1 loops=1)", "  Index Cond: (a = $1)"),
                    plan(c, "explain (analyze, costs off, timing off, summary off) execute ee_q(8)"));
            SQLException e = assertThrows(SQLException.class, () -> plan(c, "explain execute ee_nosuch"));
            assertEquals("26000", e.getSQLState());
            s.execute("drop table ee");
        }
    }

    /**
     * A subquery whose target list calls a volatile or set-returning function is not pulled up:
     * its Subquery Scan stays with the clauses that read those columns (or are volatile), while
     * the other clauses go down into it (set_subquery_pathlist), as PostgreSQL 15 prints them.
     */
    @Test
    void subqueryWithVolatileOrSetReturningOutputsKeepsItsScan() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            assertEquals(List.of("Seq Scan on et1", "  Filter: (a > 1)"),
                    plan(c, "explain (costs off) select * from (select a, random() r from et1) ss where a > 1"));
            assertEquals(List.of("Subquery Scan on ss", "  Filter: (ss.r > '1'::double precision)", "  ->  Seq Scan on et1"),
                    plan(c, "explain (costs off) select * from (select a, random() r from et1) ss where r > 1"));
            assertEquals(List.of("ProjectSet", "  ->  Seq Scan on et1", "        Filter: (a > 1)"),
                    plan(c, "explain (costs off) select * from (select a, generate_series(1, a) g from et1) ss where a > 1"));
            assertEquals(List.of("Subquery Scan on ss", "  Filter: (ss.g > 1)", "  ->  ProjectSet", "        ->  Seq Scan on et1"),
                    plan(c, "explain (costs off) select * from (select a, generate_series(1, a) g from et1) ss where g > 1"));
            // a volatile clause is not pushed down past the set-returning function: it runs once per row
            s.execute("create function et_tattle(x int, y int) returns bool volatile language plpgsql"
                    + " as $$ begin raise notice 'x = %, y = %', x, y; return x > y; end $$");
            String q = "select * from (select 9 as x, unnest(array[1,2,3]) as u) ss where et_tattle(x, 8)";
            assertEquals("Subquery Scan on ss", plan(c, "explain (costs off) " + q).get(0));
            assertEquals(3, notices(s, q));
            // a stable one is, and becomes the one-time filter of the Result below: it runs once
            s.execute("alter function et_tattle(int, int) stable");
            assertEquals("ProjectSet", plan(c, "explain (costs off) " + q).get(0));
            assertEquals(1, notices(s, q));
            s.execute("drop function et_tattle(int, int)");
        }
    }

    /** How many notices running {@code sql} raised. */
    private static int notices(Statement s, String sql) throws Exception {
        s.clearWarnings();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) { }
        }
        int n = 0;
        for (java.sql.SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) n++;
        return n;
    }

    /** Expected outputs as PostgreSQL 15 printed them (psql's leading space removed). */
    /**
     * A whole-row reference prints with the name set_rtable_names gave its scan: the second scan
     * of a WITH query is c_1, and so is its row (c_1.*), as PostgreSQL 15 prints it.
     */
    @Test
    void wholeRowOfARenamedScanTakesItsName() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("CTE Scan on c", "  Output: $1, c.a", "  CTE c", "    ->  Result",
                    "          Output: 15, 'x'::text", "  InitPlan 2 (returns $1)", "    ->  CTE Scan on c c_1",
                    "          Output: (c_1.b || (c_1.*)::text)", "          Filter: (c_1.a = 15)"),
                    TuskServer.rows(c, "explain (verbose, costs off) with c as materialized (select 15 a, 'x' b)"
                            + " select (select b || c.*::text from c where a = 15), c.a from c"));
            assertEquals(List.of("x(15,x)|15"), TuskServer.rows(c, "with c as materialized (select 15 a, 'x' b)"
                    + " select (select b || c.*::text from c where a = 15), c.a from c"));
        }
    }

    @Test
    void plansPrintAsPostgresPrintsThem() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("set enable_mergejoin = off");
            assertEquals(List.of("Seq Scan on et1", "  Filter: ((a < 10) AND (c = 3))"),
                    plan(c, "explain (costs off) select * from et1 where a < 10 and c = 3"));
            assertEquals(List.of("Limit", "  ->  Sort", "        Sort Key: b DESC", "        ->  Seq Scan on et1"),
                    plan(c, "explain (costs off) select b from et1 order by b desc limit 3"));
            assertEquals(List.of("Aggregate", "  ->  Seq Scan on et1"), plan(c, "explain (costs off) select count(*) from et1"));
            assertEquals(List.of("Hash Join", "  Hash Cond: (et1.a = et2.x)", "  ->  Seq Scan on et1", "  ->  Hash",
                            "        ->  Seq Scan on et2", "              Filter: (y > 3)"),
                    plan(c, "explain (costs off) select * from et1 join et2 on et1.a = et2.x where et2.y > 3"));
            assertEquals(List.of("Seq Scan on et1", "  Filter: (a = $0)", "  InitPlan 1 (returns $0)", "    ->  Aggregate",
                            "          ->  Seq Scan on et2"),
                    plan(c, "explain (costs off) select * from et1 where a = (select max(x) from et2)"));
            assertEquals(List.of("Insert on et1", "  ->  Result"), plan(c, "explain (costs off) insert into et1 values (1, 'x', 2)"));
            assertEquals(List.of("Delete on et1", "  ->  Seq Scan on et1", "        Filter: (c > 3)"),
                    plan(c, "explain (costs off) delete from et1 where c > 3"));
            assertEquals(List.of("Update on et1", "  ->  Seq Scan on et1", "        Filter: (c = 3)"),
                    plan(c, "explain (costs off) update et1 set b = 'y' where c = 3"));
            assertEquals(List.of("HashAggregate", "  Group Key: et1.a", "  ->  Append", "        ->  Seq Scan on et1",
                    "        ->  Seq Scan on et2"), plan(c, "explain (costs off) select a from et1 union select x from et2"));
            assertEquals(List.of("HashSetOp Except", "  ->  Append", "        ->  Subquery Scan on \"*SELECT* 1\"",
                            "              ->  Seq Scan on et1", "        ->  Subquery Scan on \"*SELECT* 2\"",
                            "              ->  Seq Scan on et2"),
                    plan(c, "explain (costs off) select a from et1 except select x from et2"));
            assertEquals(List.of("Seq Scan on et1", "  Filter: ((b IS NOT NULL) OR (a <> 5))"),
                    plan(c, "explain (costs off) select * from et1 where b is not null or a <> 5"));
            assertEquals(List.of("Result", "  One-Time Filter: false"), plan(c, "explain (costs off) select 1 where false"));
            assertEquals(List.of("Sort", "  Sort Key: c NULLS FIRST, a DESC", "  ->  Seq Scan on et1"),
                    plan(c, "explain (costs off) select * from et1 order by c nulls first, a desc"));
            assertEquals(List.of("Values Scan on \"*VALUES*\"", "  Filter: (column1 > 1)"),
                    plan(c, "explain (costs off) select * from (values (1, 'a'), (2, 'b')) v(n, s) where n > 1"));
            assertEquals(List.of("Seq Scan on public.et1", "  Output: a, (c + 1)", "  Filter: (et1.b = 'x'::text)"),
                    plan(c, "explain (costs off, verbose) select a, c + 1 from et1 where b = 'x'"));
            assertEquals(List.of("Seq Scan on et1  (cost=0.00..25.00 rows=6 width=40)", "  Filter: (c = 3)"),
                    plan(c, "explain select * from et1 where c = 3"));
            assertEquals(List.of("""
                    [
                      {
                        "Plan": {
                          "Node Type": "Seq Scan",
                          "Parallel Aware": false,
                          "Async Capable": false,
                          "Relation Name": "et1",
                          "Alias": "et1",
                          "Startup Cost": 0.00,
                          "Total Cost": 25.00,
                          "Plan Rows": 6,
                          "Plan Width": 40,
                          "Filter": "(c = 3)"
                        }
                      }
                    ]"""), plan(c, "explain (format json) select * from et1 where c = 3"));
        }
    }

    @Test
    void analyzeRunsTheStatementAndCountsRowsAndLoops() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table ea (k int)");
            s.execute("insert into ea values (3), (1), (2)");
            List<String> p = plan(c, "explain (analyze, costs off, timing off, summary off) select * from ea order by k");
            assertEquals(List.of("Sort (actual rows=3 loops=1)", "  Sort Key: k", "  Sort Method: quicksort  Memory: 25kB",
                    "  ->  Seq Scan on ea (actual rows=3 loops=1)"), p);
            p = plan(c, "explain analyze delete from ea where k > 1");
            assertTrue(p.get(0).matches("Delete on ea  \\(cost=\\S+ rows=0 width=0\\) \\(actual time=\\S+ rows=0 loops=1\\)"), p.get(0));
            assertTrue(p.get(p.size() - 2).matches("Planning Time: \\d+\\.\\d{3} ms"), p.toString());
            assertTrue(p.get(p.size() - 1).matches("Execution Time: \\d+\\.\\d{3} ms"), p.toString());
            assertEquals("1", ProtocolIT.one(c, "select count(*) from ea"), "EXPLAIN ANALYZE really deletes");
            PSQLException e = assertThrows(PSQLException.class, () -> plan(c, "explain (timing) select 1"));
            assertEquals("EXPLAIN option TIMING requires ANALYZE", e.getServerErrorMessage().getMessage());
        }
    }

    private static List<Path> tempFiles() throws Exception {
        Path dir = server.dataDir().resolve("base").resolve("pgsql_tmp");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void sortsPastWorkMemSpillToTemporaryFilesThatAreRemoved() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            String digits = "(values (0),(1),(2),(3),(4),(5),(6),(7),(8),(9))";
            s.execute("create table big (a int, b text)");
            s.execute("insert into big select (d1.x*10000+d2.x*1000+d3.x*100+d4.x*10+d5.x) * 7919 % 100003, 'r' || d5.x from "
                    + digits + " d1(x), " + digits + " d2(x), " + digits + " d3(x), " + digits + " d4(x), " + digits + " d5(x)");
            s.execute("set work_mem = '64kB'");
            List<String> p = plan(c, "explain (analyze, costs off, timing off, summary off) select * from big order by a");
            assertTrue(p.get(2).matches("  Sort Method: external merge  Disk: \\d+kB"), p.toString());
            assertEquals(List.of(), tempFiles(), "removed at the end of the statement");

            // read through a portal: the sort's file exists while rows are still being fetched
            c.setAutoCommit(false);
            try (Statement q = c.createStatement()) {
                q.setFetchSize(100);
                try (ResultSet rs = q.executeQuery("select a from big order by a")) {
                    int prev = -1, n = 0;
                    boolean sawFile = false;
                    while (rs.next()) {
                        int a = rs.getInt(1);
                        assertTrue(a >= prev, "ordered at row " + n);
                        prev = a;
                        if (n++ == 1000) {
                            List<Path> files = tempFiles();
                            sawFile = files.size() == 1 && files.get(0).getFileName().toString().matches("pgsql_tmp\\d+\\.\\d+");
                        }
                    }
                    assertEquals(100_000, n);
                    assertTrue(sawFile, "a pgsql_tmp<pid>.<n> file while the sort was being read");
                }
            }
            c.commit();
            c.setAutoCommit(true);
            assertEquals(List.of(), tempFiles());

            // an error after the sort spilled still removes its file
            PSQLException e = assertThrows(PSQLException.class,
                    () -> plan(c, "select a, 1 / (a - 57483) from big order by a"));
            assertEquals("22012", e.getSQLState());
            assertEquals(List.of(), tempFiles(), "removed after the error");
            assertFalse(server.log().contains("Exception"), "no Java exception in the server log");
        }
    }

    /**
     * A function scan under VERBOSE (ExplainTargetRel, ExplainNode): the function is named with
     * its schema and its call printed as "Function Call"; ROWS FROM of two functions has no one
     * name, so the scan shows its alias alone. PostgreSQL 15 prints exactly these lines.
     */
    @Test
    void verboseFunctionScanShowsSchemaAndFunctionCall() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create function ef(int) returns setof int language sql as $$ select $1 union all select 2 $$");
            assertEquals(List.of(
                    "Nested Loop",
                    "  Output: et2.x, g.g",
                    "  ->  Seq Scan on public.et2",
                    "        Output: et2.x, et2.y",
                    "  ->  Function Scan on pg_catalog.generate_series g",
                    "        Output: g.g",
                    "        Function Call: generate_series(1, et2.x)"),
                    plan(c, "explain (verbose, costs off) select et2.x, g from et2, lateral generate_series(1, et2.x) g"));
            assertEquals(List.of(
                    "Function Scan on g",
                    "  Output: a, b",
                    "  Function Call: generate_series(1, 3), generate_series(1, 4)"),
                    plan(c, "explain (verbose, costs off) select * from rows from (generate_series(1,3), generate_series(1,4)) g(a, b)"));
            assertEquals(List.of("Function Scan on public.ef x", "  Output: x", "  Function Call: ef(1)"),
                    plan(c, "explain (verbose, costs off) select * from ef(1) x"));
            assertEquals(List.of("Function Scan on ef x"), plan(c, "explain (costs off) select * from ef(1) x"));
        }
    }
}
