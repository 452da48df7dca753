package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Memoize (nodeMemoize.c, joinpath.c get_memoize_path, costsize.c cost_memoize_rescan): the
 * parameterized inner side of a nested loop is cached by its parameters when the outer side
 * repeats few distinct values; EXPLAIN shows the cache key and mode (binary for LATERAL
 * references, logical for a hashable join clause), EXPLAIN ANALYZE the hits and misses, and the
 * results are those of the plain nested loop, also when the cache is too small for the keys.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MemoizeIT extends OneServerPerClass {

    @BeforeAll
    static void tables() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "create table mo (id int, g int, h int)",
                    "insert into mo select i, i % 3, i % 200 from generate_series(1, 10000) i",
                    "create table mi (k int primary key, v text)",
                    "insert into mi select i, 'v' || i from generate_series(0, 999) i",
                    "vacuum analyze mo", "vacuum analyze mi");
        }
    }

    @Test
    void aLateralFunctionIsCachedByItsReferences() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select count(*), sum(s) from mo, lateral generate_series(1, g) s";
            assertEquals(List.of("Aggregate", "  ->  Nested Loop", "        ->  Seq Scan on mo", "        ->  Memoize",
                    "              Cache Key: mo.g", "              Cache Mode: binary",
                    "              ->  Function Scan on generate_series s"), Jdbc.plan(c, q));
            assertEquals(List.of("10000|13333"), Jdbc.rowsShowingNull(c, q));
            List<String> analyzed = Jdbc.rowsShowingNull(c, "explain (analyze, costs off, timing off, summary off) " + q);
            assertTrue(analyzed.contains("              Hits: 9997  Misses: 3  Evictions: 0  Overflows: 0  Memory Usage: 1kB"),
                    analyzed.toString());
            Jdbc.exec(c, "set enable_memoize = off");
            assertFalse(Jdbc.plan(c, q).toString().contains("Memoize"));
            assertEquals(List.of("10000|13333"), Jdbc.rowsShowingNull(c, q));
        }
    }

    @Test
    void aFilterCallingAVolatileFunctionIsNotCached() throws Exception {
        try (Connection c = server.connect()) {
            assertFalse(Jdbc.plan(c, "select count(*) from mo, lateral (select s from generate_series(1, g) s "
                    + "where random() >= 0) x").toString().contains("Memoize"));
        }
    }

    @Test
    void aParameterizedIndexScanIsCachedLogically() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "set enable_hashjoin = off", "set enable_mergejoin = off");
            String q = "select count(*), sum(length(v)) from mo join mi on mi.k = mo.g";
            assertEquals(List.of("Aggregate", "  ->  Nested Loop", "        ->  Seq Scan on mo", "        ->  Memoize",
                    "              Cache Key: mo.g", "              Cache Mode: logical",
                    "              ->  Index Scan using mi_pkey on mi", "                    Index Cond: (k = mo.g)"),
                    Jdbc.plan(c, q));
            assertEquals(List.of("10000|20000"), Jdbc.rowsShowingNull(c, q));
        }
    }

    @Test
    void aValuesColumnKeyCountsItsRowsAsDistinctValues() throws Exception {
        try (Connection c = server.connect()) {
            // get_variable_numdistinct: a column of a two-row VALUES list has two values, not a default guess
            Jdbc.exec(c, "set enable_hashjoin = off", "set enable_mergejoin = off");
            String q = "select count(*) from mo a, mi b join lateral (values (a.h), (-1)) ss(x) on b.k = ss.x";
            assertEquals(List.of("Aggregate", "  ->  Nested Loop", "        ->  Nested Loop", "              ->  Seq Scan on mo a",
                    "              ->  Memoize", "                    Cache Key: a.h", "                    Cache Mode: binary",
                    "                    ->  Values Scan on \"*VALUES*\"", "        ->  Memoize",
                    "              Cache Key: \"*VALUES*\".column1", "              Cache Mode: logical",
                    "              ->  Index Only Scan using mi_pkey on mi b",
                    "                    Index Cond: (k = \"*VALUES*\".column1)"), Jdbc.plan(c, q));
            assertEquals(List.of("10000"), Jdbc.rowsShowingNull(c, q));
        }
    }

    @Test
    void aCacheTooSmallForTheKeysEvictsAndStillAnswersRight() throws Exception {
        try (Connection c = server.connect()) {
            // about 500 rows per key where the planner expects a third of the table: 200 keys do not fit in 4MB
            // (OFFSET 0 keeps the LATERAL subquery from being pulled up, so its scan is parameterized by mo.h)
            String q = "select count(*), sum(length(v)) from mo, lateral (select * from mi where k < mo.h * 5 offset 0) x";
            Jdbc.exec(c, "set enable_memoize = off");
            List<String> expected = Jdbc.rowsShowingNull(c, q);
            Jdbc.exec(c, "reset enable_memoize", "set work_mem = '2MB'");
            assertTrue(Jdbc.plan(c, q).toString().contains("Memoize"));
            List<String> analyzed = Jdbc.rowsShowingNull(c, "explain (analyze, costs off, timing off, summary off) " + q);
            String stats = analyzed.stream().filter(l -> l.contains("Hits:")).findFirst().orElseThrow();
            assertFalse(stats.contains("Evictions: 0 "), stats);
            assertEquals(expected, Jdbc.rowsShowingNull(c, q));
        }
    }
}
