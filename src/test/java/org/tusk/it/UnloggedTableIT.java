package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * UNLOGGED tables (and sequences) as a user sees them: relpersistence 'u' on the table and its indexes, their
 * rows kept across a clean restart, and after a crash (kill -9 of a backend) reset to empty
 * from their init forks, with indexes of every access method still usable, while a logged table
 * beside them keeps its rows.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class UnloggedTableIT {
    static TuskServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TuskServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) server.close();
    }

    static Connection connectWithin(long millis) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            try {
                return server.connect();
            } catch (SQLException e) {
                if (System.nanoTime() > end) throw e;
                Thread.sleep(200);
            }
        }
    }

    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) st.execute(s);
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        return TuskServer.rows(c, sql).get(0);
    }

    @Test
    void unloggedTableIsResetByACrashButKeptByACleanRestart() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create unlogged table ut (a int primary key, p point, t text)",
                    "create index ut_gist on ut using gist (p)",
                    "create index ut_gin on ut using gin ((array[a]))",
                    "create index ut_hash on ut using hash (a)",
                    "create table lt (a int primary key)",
                    "insert into ut select g, point(g, g), repeat('x', 3000) || g from generate_series(1, 2000) g",
                    "insert into lt select generate_series(1, 100)",
                    "create unlogged sequence us start 10",
                    "create unlogged table ust (id serial)");
            assertEquals(List.of("10", "11"), TuskServer.rows(c, "select nextval('us') from generate_series(1, 2)"));
            assertEquals("u", one(c, "select relpersistence from pg_class where relname = 'ust_id_seq'"));
            assertEquals(List.of("lt|p", "lt_pkey|p", "ut|u", "ut_gin|u", "ut_gist|u", "ut_hash|u", "ut_pkey|u"),
                    TuskServer.rows(c, "select relname || '|' || relpersistence from pg_class"
                            + " where relname ~ '^(ut|lt)' order by relname"));
            assertEquals("CREATE INDEX ut_gist ON public.ut USING gist (p)", one(c, "select pg_get_indexdef('ut_gist'::regclass)"));
            assertEquals("u", one(c, "select t.relpersistence from pg_class c join pg_class t on t.oid = c.reltoastrelid"
                    + " where c.relname = 'ut'"));
        }
        // a clean shutdown writes the unlogged pages: the rows stay
        assertTrue(server.stop("fast").exitCode() == 0);
        server.startAgain();
        try (Connection c = connectWithin(15000)) {
            assertEquals("2000", one(c, "select count(*) from ut"));
            assertEquals("12", one(c, "select nextval('us')"));
            exec(c, "set enable_seqscan = off");
            assertEquals("1", one(c, "select count(*) from ut where a = 77"));
        }

        // kill -9 of a backend: crash recovery resets ut (and its indexes) to empty
        try (Connection c = connectWithin(15000)) {
            exec(c, "insert into ut values (5000, point(1, 1), 'y')", "checkpoint", "insert into lt values (1000)");
            long pid = ProcessModelIT.backendPid(c);
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            assertTrue(TuskServer.waitFor(5000, () -> !TuskServer.alive(pid)));
        }
        try (Connection c = connectWithin(20000)) {
            assertEquals("0", one(c, "select count(*) from ut"));
            assertEquals("10", one(c, "select nextval('us')"));   // back to its init fork's first state
            assertEquals("101", one(c, "select count(*) from lt"));
            exec(c, "insert into ut select g, point(g, g), 'z' from generate_series(1, 500) g",
                    "set enable_seqscan = off", "set enable_bitmapscan = off");
            assertEquals("1", one(c, "select count(*) from ut where a = 77"));
            exec(c, "set enable_bitmapscan = on", "set enable_indexscan = off");
            assertEquals("10", one(c, "select count(*) from ut where p <@ box '((0,0),(10,10))'"));
            assertEquals("1", one(c, "select count(*) from ut where array[a] @> array[8]"));
            exec(c, "alter table ut drop constraint ut_pkey");
            assertTrue(TuskServer.rows(c, "explain select count(*) from ut where a = 99").toString().contains("ut_hash"));
            assertEquals("1", one(c, "select count(*) from ut where a = 99"));
            exec(c, "alter table ut add primary key (a)");
            assertEquals("t", one(c, "select pg_relation_size('ut_pkey') > 8192"));
        }
        String log = server.log();
        assertTrue(log.contains("automatic recovery in progress"), log);
    }
}
