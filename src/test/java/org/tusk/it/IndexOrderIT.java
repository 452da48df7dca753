package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Index columns with DESC / NULLS FIRST and UNIQUE NULLS NOT DISTINCT through a real server:
 * what pg_get_indexdef and pg_index show, that ORDER BY is answered by an index scan in the right
 * direction (no Sort) with exactly the rows and order a sort gives, and uniqueness over nulls.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class IndexOrderIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table t (a int, b text)");
            s.execute("insert into t select case when g % 7 = 0 then null else g % 50 end, "
                    + "case when g % 11 = 0 then null else 's' || (g % 13) end from generate_series(1, 700) g");
            s.execute("create index t_a_desc on t (a desc)");
            s.execute("create index t_ab on t (a, b desc nulls last)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String plan(Connection c, String q) throws SQLException {
        return String.join("\n", Jdbc.rowsShowingNull(c, "explain (costs off) " + q));
    }

    /** The query's rows with index scans off: the Sort's answer. */
    private static List<String> sorted(Connection c, String q) throws SQLException {
        exec(c, "set enable_indexscan = off");
        try {
            return Jdbc.rowsShowingNull(c, q);
        } finally {
            exec(c, "reset enable_indexscan");
        }
    }

    @Test
    void indexDefinitionKeepsDescAndNullsPlacement() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table d (x int, y text)");
            exec(c, "create index d_xy on d (x desc, y nulls first)");
            exec(c, "create unique index d_yx on d (y, x) nulls not distinct");
            assertEquals(List.of("CREATE INDEX d_xy ON public.d USING btree (x DESC, y NULLS FIRST)"),
                    Jdbc.rowsShowingNull(c, "select pg_get_indexdef('d_xy'::regclass)"));
            assertEquals(List.of("CREATE UNIQUE INDEX d_yx ON public.d USING btree (y, x) NULLS NOT DISTINCT"),
                    Jdbc.rowsShowingNull(c, "select pg_get_indexdef('d_yx'::regclass)"));
            assertEquals(List.of("3 2|f", "0 0|t"), Jdbc.rowsShowingNull(c, "select indoption::text, indnullsnotdistinct from pg_index "
                    + "where indexrelid in ('d_xy'::regclass, 'd_yx'::regclass) order by indexrelid"));
        }
    }

    @Test
    void orderByIsReadFromTheIndexInEitherDirection() throws Exception {
        try (Connection c = server.connect()) {
            // as PostgreSQL 15 does for this never-analysed table, a bitmap scan and a sort would
            // otherwise win: the test is about reading the order from the index
            exec(c, "set enable_seqscan = off");
            exec(c, "set enable_bitmapscan = off");
            String[][] cases = {
                // t_a_desc forwards and t_ab backwards both give a DESC NULLS FIRST
                {"select a from t order by a desc limit 20", "Index Scan"},
                {"select a, b from t order by a, b desc nulls last limit 20", "Index Scan using t_ab"},
                {"select a from t where a < 5 order by a desc", "Index Scan"},
                {"select a, b from t where a > 40 order by a desc, b nulls first", "Index Scan Backward using t_ab"},
            };
            for (String[] q : cases) {
                String p = plan(c, q[0]);
                // the index may be read as an index-only scan: the order comes from it either way
                assertTrue(p.contains(q[1]) || p.contains(q[1].replace("Index Scan", "Index Only Scan")), q[0] + "\n" + p);
                assertFalse(p.contains("Sort"), q[0] + "\n" + p);
                assertEquals(sorted(c, q[0]), Jdbc.rowsShowingNull(c, q[0]), q[0]);
            }
            // neither index has the nulls where these orders want them, in either direction
            for (String q : List.of("select a, b from t order by a desc, b desc nulls first limit 5",
                    "select a from t order by a nulls first limit 5")) {
                assertTrue(plan(c, q).contains("Sort"), plan(c, q));
                assertEquals(sorted(c, q), Jdbc.rowsShowingNull(c, q));
            }
        }
    }

    @Test
    void aColumnPinnedByAConstantDoesNotCountInTheOrder() throws Exception {
        try (Connection c = server.connect()) {
            // as PostgreSQL 15 does for this never-analysed table, a bitmap scan and a sort would
            // otherwise win: the test is about reading the order from the index
            exec(c, "set enable_seqscan = off");
            exec(c, "set enable_bitmapscan = off");
            for (String[] q : new String[][] {
                {"select a, b from t where a = 3 order by b desc nulls last", "Index Scan using t_ab"},
                {"select a, b from t where a = 3 order by a, b nulls first", "Index Scan Backward using t_ab"},
            }) {
                String p = plan(c, q[0]);
                // the index may be read as an index-only scan: the order comes from it either way
                assertTrue(p.contains(q[1]) || p.contains(q[1].replace("Index Scan", "Index Only Scan")), q[0] + "\n" + p);
                assertFalse(p.contains("Sort"), q[0] + "\n" + p);
                assertEquals(sorted(c, q[0]), Jdbc.rowsShowingNull(c, q[0]), q[0]);
            }
        }
    }

    @Test
    void uniqueNullsNotDistinctTreatsNullsAsEqual() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table u (i int, j int)");
            exec(c, "create unique index u_ij on u (i, j) nulls not distinct");
            exec(c, "insert into u values (1, null)");
            SQLException dup = assertThrows(SQLException.class, () -> exec(c, "insert into u values (1, null)"));
            assertEquals("23505", dup.getSQLState());
            exec(c, "insert into u values (2, null)");
            exec(c, "create table v (i int)");
            exec(c, "insert into v values (null), (null)");
            SQLException build = assertThrows(SQLException.class,
                    () -> exec(c, "create unique index v_i on v (i) nulls not distinct"));
            assertEquals("23505", build.getSQLState());
            assertTrue(build.getMessage().contains("could not create unique index \"v_i\""), build.getMessage());
            exec(c, "create unique index v_i on v (i) nulls distinct");
            assertEquals(List.of("2"), Jdbc.rowsShowingNull(c, "select count(*) from v where i is null"));
        }
    }

    @Test
    void uniqueNullsNotDistinctConstraintsAndOnConflict() throws Exception {
        try (Connection c = server.connect()) {
            // constraints.sql's UNIQUE_TBL: a column constraint, and a table constraint over two columns
            exec(c, "create table un (i int unique nulls not distinct, t text)");
            exec(c, "insert into un (t) values ('six')");
            SQLException dup = assertThrows(SQLException.class, () -> exec(c, "insert into un (t) values ('seven')"));
            assertEquals("23505", dup.getSQLState());
            assertTrue(dup.getMessage().contains("Key (i)=(null) already exists."), dup.getMessage());
            // the null key is a conflict for ON CONFLICT too (searched for as IS NULL)
            exec(c, "insert into un (t) values ('eight') on conflict do nothing");
            assertEquals(List.of("null|nine"), Jdbc.rowsShowingNull(c,
                    "insert into un (t) values ('nine') on conflict (i) do update set t = excluded.t returning *"));
            exec(c, "create table un2 (a int, b int, unique nulls not distinct (a, b), unique nulls distinct (b))");
            assertEquals(List.of("UNIQUE NULLS NOT DISTINCT (a, b)", "UNIQUE (b)"), Jdbc.rowsShowingNull(c,
                    "select pg_get_constraintdef(oid) from pg_constraint where conrelid = 'un2'::regclass order by conname"));
            exec(c, "insert into un2 values (1, null), (null, 1), (null, null)");
            exec(c, "insert into un2 values (1, null), (2, null) on conflict do nothing");
            assertEquals(List.of("4"), Jdbc.rowsShowingNull(c, "select count(*) from un2"));
        }
    }
}
