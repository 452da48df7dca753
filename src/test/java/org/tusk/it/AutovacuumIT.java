package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The autovacuum launcher and its workers as a user sees them: the launcher in pg_stat_activity,
 * a table with many deleted rows vacuumed and analyzed without anyone asking (the autovacuum
 * counters of pg_stat_user_tables, reltuples, the log_autovacuum_min_duration report), a worker in
 * pg_stat_activity while it works and a fast shutdown that ends it cleanly, and no launcher at all
 * with autovacuum = off.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AutovacuumIT {

    private static void run(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    private static List<String> rows(Connection c, String sql) {
        try {
            return TuskServer.rows(c, sql);
        } catch (SQLException e) {
            return List.of(e.toString());
        }
    }

    @Test
    void deletedRowsAreVacuumedAndAnalyzedByAutovacuum() throws Exception {
        try (TuskServer server = TuskServer.start("autovacuum_naptime=1", "log_autovacuum_min_duration=0");
             Connection c = server.connect()) {
            assertTrue(TuskServer.waitFor(30000, () -> rows(c,
                    "select backend_type from pg_stat_activity where backend_type like 'autovacuum%'")
                    .equals(List.of("autovacuum launcher"))), "the launcher in pg_stat_activity");
            run(c, "create table av(a int primary key, b text)",
                    "insert into av select g, 'row ' || g from generate_series(1, 2000) g",
                    "delete from av where a > 200");
            // 1800 dead rows > 50 + 0.2 * 0 (never vacuumed: reltuples taken as 0); 3800 changes > 50
            // (the counters are set as VACUUM and ANALYZE finish, before the worker's commit makes reltuples visible)
            assertTrue(TuskServer.waitFor(120000, () -> rows(c,
                    "select autovacuum_count > 0 and autoanalyze_count > 0 and reltuples = 200 "
                    + "from pg_stat_user_tables s join pg_class c on s.relid = c.oid where s.relname = 'av'")
                    .equals(List.of("t"))), () -> "autovacuum did not process av:\n" + rows(c,
                    "select * from pg_stat_user_tables where relname = 'av'") + "\n" + server.log());
            assertEquals(List.of("0|0|0|t|t|200"), rows(c, "select vacuum_count, analyze_count, n_dead_tup, "
                    + "last_autovacuum is not null, last_autoanalyze is not null, n_live_tup "
                    + "from pg_stat_user_tables where relname = 'av'"));
            assertEquals(List.of("200"), rows(c, "select reltuples::int from pg_class where relname = 'av'"));
            assertEquals(List.of("2"), rows(c, "select count(*) from pg_stats where tablename = 'av'"));
            String log = server.log();
            assertTrue(log.contains("automatic vacuum of table \"postgres.public.av\": index scans: 1"), log);
            assertTrue(log.contains("tuples: 1800 removed, 200 remain"), log);
            assertTrue(log.contains("automatic analyze of table \"postgres.public.av\""), log);
            // a table the user keeps autovacuum away from is left alone
            run(c, "create table off_av(a int) with (autovacuum_enabled = off)",
                    "insert into off_av select generate_series(1, 2000)", "delete from off_av",
                    "create table on_av(a int)", "insert into on_av select generate_series(1, 2000)", "delete from on_av");
            assertTrue(TuskServer.waitFor(120000, () -> rows(c,
                    "select autovacuum_count from pg_stat_user_tables where relname = 'on_av'").equals(List.of("1"))));
            assertEquals(List.of("0|0|2000"), rows(c, "select autovacuum_count, autoanalyze_count, n_dead_tup "
                    + "from pg_stat_user_tables where relname = 'off_av'"));
        }
    }

    @Test
    void fastShutdownEndsARunningWorkerCleanly() throws Exception {
        try (TuskServer server = TuskServer.start("autovacuum_naptime=1")) {
            long pm = server.postmasterPid();
            try (Connection c = server.connect()) {
                // enough rows that the worker is seen at work: a VACUUM of them takes a while
                run(c, "create table big(a int primary key, b text)",
                        "insert into big select g, repeat('x', 100) from generate_series(1, 300000) g",
                        "delete from big where a % 2 = 0");
                long[] worker = {0};
                assertTrue(TuskServer.waitFor(120000, () -> {
                    List<String> r = rows(c, "select pid, datname, state, query from pg_stat_activity "
                            + "where backend_type = 'autovacuum worker' and query like 'autovacuum: VACUUM%'");
                    if (r.isEmpty()) return false;
                    worker[0] = Long.parseLong(r.get(0).split("\\|")[0]);
                    assertEquals(worker[0] + "|postgres|active|autovacuum: VACUUM ANALYZE public.big", r.get(0));
                    return true;
                }), () -> "no autovacuum worker seen at work:\n" + server.log());
                assertEquals(pm, TuskServer.parentOf(worker[0]));
                ProcessResult stop = server.stop("fast");
                assertEquals(0, stop.exitCode(), stop.output());
                assertFalse(TuskServer.alive(worker[0]), "worker left behind");
            }
            String log = server.log();
            assertTrue(log.contains("database system is shut down"), log);
            assertFalse(log.contains("terminated by signal") || log.contains("terminating any other active server processes"), log);
            // the worker was either stopped in the middle (FATAL) or had just finished: never a crash
            server.startAgain();
            try (Connection c = server.connect()) {
                assertEquals(List.of("150000"), rows(c, "select count(*) from big"));
            }
        }
    }

    @Test
    void autovacuumOffStartsNoLauncher() throws Exception {
        try (TuskServer server = TuskServer.start("autovacuum=off", "autovacuum_naptime=1");
             Connection c = server.connect()) {
            run(c, "create table av(a int)", "insert into av select generate_series(1, 2000)", "delete from av");
            Thread.sleep(3000);
            assertEquals(List.of(), rows(c, "select backend_type from pg_stat_activity where backend_type like 'autovacuum%'"));
            assertTrue(ProcessModelIT.childrenOf(server.postmasterPid()).stream()
                    .noneMatch(pid -> commandLine(pid).contains("--forkchild=autovac")));
            assertEquals(List.of("0|2000"), rows(c, "select autovacuum_count, n_dead_tup from pg_stat_user_tables where relname = 'av'"));
        }
    }

    @Test
    void aReloadStopsAndStartsTheLauncher() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            String launcher = "select backend_type from pg_stat_activity where backend_type like 'autovacuum%'";
            assertTrue(TuskServer.waitFor(30000, () -> rows(c, launcher).equals(List.of("autovacuum launcher"))));
            java.nio.file.Path conf = server.dataDir().resolve("postgresql.conf");
            String original = java.nio.file.Files.readString(conf);
            java.nio.file.Files.writeString(conf, original + "\nautovacuum = off\n");
            reload(server);
            assertTrue(TuskServer.waitFor(30000, () -> rows(c, launcher).isEmpty()), server::log);
            java.nio.file.Files.writeString(conf, original);
            reload(server);
            assertTrue(TuskServer.waitFor(30000, () -> rows(c, launcher).equals(List.of("autovacuum launcher"))), server::log);
            assertFalse(server.log().contains("terminated by"), server.log());
        }
    }

    /** pg_ctl reload: SIGHUP to the postmaster. */
    private static void reload(TuskServer server) throws Exception {
        assertEquals(0, ProcessResult.run(List.of("kill", "-HUP", Long.toString(server.postmasterPid())), null, 30).exitCode());
    }

    private static String commandLine(long pid) {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/" + pid + "/cmdline")))
                    .replace('\0', ' ');
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
