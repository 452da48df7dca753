package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The cumulative statistics (pgstat) as a user sees them in pg_stat_user_tables and its family:
 * the counts after inserts, updates, deletes, a rolled-back insert and scans are the ones
 * PostgreSQL 15 reports for the same statements (taken from the reference server), VACUUM and
 * ANALYZE record themselves, stats_fetch_consistency=cache keeps what a transaction read, the
 * counts survive a clean restart and are gone after a crash.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CumulativeStatsIT {
    static TuskServer server;

    private static final String TABLE_COUNTS = "select relname, seq_scan, seq_tup_read, idx_scan, idx_tup_fetch, n_tup_ins, "
            + "n_tup_upd, n_tup_del, n_tup_hot_upd, n_live_tup, n_dead_tup, n_mod_since_analyze, n_ins_since_vacuum "
            + "from pg_stat_user_tables where relname = 'st'";

    @BeforeAll
    static void startServer() throws Exception {
        server = TuskServer.start("autovacuum=off");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) server.close();
    }

    private static void run(Connection c, String... sql) throws Exception {
        try (Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    @Test
    @Order(1)
    void countsAsPostgresReportsThem() throws Exception {
        try (Connection c = server.connect()) {
            run(c, "create table st(a int primary key, b text)",
                    "insert into st select g, 'x' from generate_series(1,100) g",
                    "update st set b = 'y' where a < 10",
                    "delete from st where a > 90");
            c.setAutoCommit(false);
            run(c, "insert into st values (1000, 'z')");
            c.rollback();
            c.setAutoCommit(true);
            run(c, "select count(*) from st", "select b from st where a = 5", "select pg_stat_force_next_flush()");
            // PostgreSQL 15: the primary key's build is a sequential scan too; the rolled-back row
            // is an insert and a dead tuple; the nine updates are HOT
            assertEquals(List.of("st|2|90|3|20|101|9|10|9|90|20|119|101"), TuskServer.rows(c, TABLE_COUNTS));
            assertEquals(List.of("st_pkey|3|20|1"), TuskServer.rows(c,
                    "select indexrelname, idx_scan, idx_tup_read, idx_tup_fetch from pg_stat_user_indexes where relname = 'st'"));
        }
        // another session sees the same counts
        try (Connection other = server.connect()) {
            assertEquals(List.of("st|2|90|3|20|101|9|10|9|90|20|119|101"), TuskServer.rows(other, TABLE_COUNTS));
            List<String> db = TuskServer.rows(other, "select xact_commit > 0, xact_rollback > 0, tup_inserted >= 101, "
                    + "numbackends >= 1, sessions >= 1 from pg_stat_database where datname = current_database()");
            assertEquals(List.of("t|t|t|t|t"), db);
            assertEquals(List.of("1"), TuskServer.rows(other, "select count(*) from pg_stat_database where datid = 0"));
        }
    }

    @Test
    @Order(2)
    void vacuumAndAnalyzeReportThemselves() throws Exception {
        try (Connection c = server.connect()) {
            run(c, "vacuum st", "analyze st");
            assertEquals(List.of("90|0|t|t|1|1|0|0|0"), TuskServer.rows(c, "select n_live_tup, n_dead_tup, "
                    + "last_vacuum is not null, last_analyze is not null, vacuum_count, analyze_count, "
                    + "n_mod_since_analyze, n_ins_since_vacuum, autovacuum_count from pg_stat_user_tables where relname = 'st'"));
        }
    }

    @Test
    @Order(3)
    void cacheConsistencyKeepsWhatTheTransactionRead() throws Exception {
        try (Connection reader = server.connect(); Connection writer = server.connect()) {
            reader.setAutoCommit(false);
            String q = "select n_tup_ins from pg_stat_user_tables where relname = 'st'";
            String before = TuskServer.rows(reader, q).get(0);
            run(writer, "insert into st values (2000, 'w')", "select pg_stat_force_next_flush()", "select 1");
            assertEquals(before, TuskServer.rows(reader, q).get(0), "stats_fetch_consistency=cache");
            run(reader, "select pg_stat_clear_snapshot()");
            assertEquals(Long.parseLong(before) + 1, Long.parseLong(TuskServer.rows(reader, q).get(0)));
            reader.commit();
            run(reader, "set stats_fetch_consistency = none");
            run(writer, "insert into st values (2001, 'w')", "select pg_stat_force_next_flush()", "select 1");
            assertEquals(Long.parseLong(before) + 2, Long.parseLong(TuskServer.rows(reader, q).get(0)));
            reader.commit();
        }
    }

    @Test
    @Order(4)
    void survivesCleanRestartAndResetsAfterCrash() throws Exception {
        try (Connection c = server.connect()) {
            run(c, "select pg_stat_force_next_flush()", "select 1");
        }
        server.stop("fast");
        server.startAgain("autovacuum=off");
        try (Connection c = connectWithin(20000)) {
            assertEquals(List.of("103|1"), TuskServer.rows(c,
                    "select n_tup_ins, vacuum_count from pg_stat_user_tables where relname = 'st'"));
            long pid = ProcessModelIT.backendPid(c);
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();   // SIGKILL: crash-restart
        }
        try (Connection c = connectWithin(60000)) {
            assertEquals(List.of("0|0|0"), TuskServer.rows(c,
                    "select n_tup_ins, vacuum_count, seq_scan from pg_stat_user_tables where relname = 'st'"));
        }
    }

    @Test
    @Order(5)
    void resetAndDrop() throws Exception {
        try (Connection c = server.connect()) {
            run(c, "insert into st values (3000, 'r')", "select pg_stat_force_next_flush()", "select 1");
            assertEquals(List.of("1"), TuskServer.rows(c, "select n_tup_ins from pg_stat_user_tables where relname = 'st'"));
            run(c, "select pg_stat_reset()");
            assertEquals(List.of("0|t"), TuskServer.rows(c, "select n_tup_ins, (select stats_reset is not null from "
                    + "pg_stat_database where datname = current_database()) from pg_stat_user_tables where relname = 'st'"));
            run(c, "create table gone(a int)", "insert into gone values (1)", "select pg_stat_force_next_flush()", "select 1");
            String oid = TuskServer.rows(c, "select 'gone'::regclass::oid").get(0);
            assertEquals(List.of("1"), TuskServer.rows(c, "select pg_stat_get_tuples_inserted(" + oid + ")"));
            run(c, "drop table gone", "select pg_stat_clear_snapshot()");
            assertEquals(List.of("0"), TuskServer.rows(c, "select pg_stat_get_tuples_inserted(" + oid + ")"));
            assertTrue(TuskServer.rows(c, "select * from pg_stat_bgwriter").size() == 1);
        }
    }

    @Test
    @Order(6)
    void xactViewShowsTheRunningTransactionsCounts() throws Exception {
        try (Connection c = server.connect()) {
            run(c, "create table xt(a int primary key)");
            c.setAutoCommit(false);
            run(c, "insert into xt select generate_series(1,10)", "savepoint s", "delete from xt where a < 4",
                    "rollback to s", "update xt set a = a + 100 where a > 8");
            // as PostgreSQL 15 reports it: the rolled-back deletes still count as attempted
            assertEquals(List.of("xt|2|10|2|3|0"), TuskServer.rows(c, "select relname, idx_scan, n_tup_ins, n_tup_upd, "
                    + "n_tup_del, n_tup_hot_upd from pg_stat_xact_user_tables where relname = 'xt'"));
            c.commit();
        }
    }

    private static Connection connectWithin(long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            try {
                return server.connect();
            } catch (java.sql.SQLException e) {
                if (System.currentTimeMillis() > deadline) throw e;
                Thread.sleep(200);
            }
        }
    }
}
