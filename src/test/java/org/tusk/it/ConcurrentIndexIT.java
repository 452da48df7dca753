package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY against other
 * sessions: what they wait for, what a cancelled build leaves, and what the index looks like after.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConcurrentIndexIT {
    static TuskServer server;
    static Connection observer;

    @BeforeAll
    static void startServer() throws Exception {
        server = TuskServer.start();
        observer = server.connect();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (observer != null) observer.close();
        if (server != null) server.close();
    }

    static CompletableFuture<Object> runAsync(Statement st, String sql) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                st.execute(sql);
                return "ok";
            } catch (SQLException e) {
                return e;
            }
        });
    }

    static void exec(String sql) throws SQLException {
        try (Statement st = observer.createStatement()) {
            st.execute(sql);
        }
    }

    static String query(String sql) throws SQLException {
        try (Statement st = observer.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            StringBuilder sb = new StringBuilder();
            while (rs.next()) {
                if (!sb.isEmpty()) sb.append('|');
                sb.append(rs.getString(1));
            }
            return sb.toString();
        }
    }

    /** Whether backend {@code pid} is waiting for a heavyweight lock it has not been granted. */
    static boolean waitingForLock(long pid) {
        try {
            return query("select count(*) from pg_locks where pid = " + pid + " and not granted").equals("1");
        } catch (SQLException e) {
            return false;
        }
    }

    /** The rows an index scan finds (the planner made to prefer it), as a string. */
    static String viaIndex(String sql) throws SQLException {
        try (Statement st = observer.createStatement()) {
            st.execute("set enable_seqscan = off");
            st.execute("set enable_bitmapscan = off");
            try (ResultSet rs = st.executeQuery(sql)) {
                StringBuilder sb = new StringBuilder();
                while (rs.next()) {
                    if (!sb.isEmpty()) sb.append('|');
                    sb.append(rs.getString(1));
                }
                return sb.toString();
            } finally {
                st.execute("reset enable_seqscan");
                st.execute("reset enable_bitmapscan");
            }
        }
    }

    @Test
    void createIndexConcurrentlyWaitsForAnOpenWriterAndIndexesItsRows() throws Exception {
        exec("create table cic1 (a int, b text)");
        exec("insert into cic1 select g, 'r' || g from generate_series(1, 200) g");
        try (Connection writer = server.connect(); Statement w = writer.createStatement();
             Connection builder = server.connect(); Statement b = builder.createStatement()) {
            w.execute("begin");
            w.execute("insert into cic1 values (1001, 'early')");
            long pid = ProcessModelIT.backendPid(builder);
            CompletableFuture<Object> f = runAsync(b, "create index concurrently cic1_a on cic1 (a)");
            assertTrue(TuskServer.waitFor(20000, () -> waitingForLock(pid)), "the build waits for the writer");
            Thread.sleep(300);
            assertFalse(f.isDone(), "still waiting while the writer's transaction is open");
            // the index is in the catalog, not yet valid, while the build waits
            assertEquals("f", query("select indisvalid from pg_index where indexrelid = 'cic1_a'::regclass"));
            w.execute("insert into cic1 values (1002, 'late')");
            w.execute("commit");
            assertEquals("ok", f.get(60, TimeUnit.SECONDS));
        }
        assertEquals("t|t", query("select indisvalid from pg_index where indexrelid = 'cic1_a'::regclass"
                + " union all select indisready from pg_index where indexrelid = 'cic1_a'::regclass"));
        assertTrue(query("explain (costs off) select b from cic1 where a = 1001").contains("cic1_a"));
        assertEquals("early", viaIndex("select b from cic1 where a = 1001"));
        assertEquals("late", viaIndex("select b from cic1 where a = 1002"));
        assertEquals("r150", viaIndex("select b from cic1 where a = 150"));
        // rows inserted after the build are indexed too
        exec("insert into cic1 values (2000, 'after')");
        assertEquals("after", viaIndex("select b from cic1 where a = 2000"));
        assertEquals("203", viaIndex("select count(*) from cic1 where a > 0"));
    }

    @Test
    void cancelledCreateIndexConcurrentlyLeavesAnInvalidIndexTheplannerIgnoresAndReindexRepairs() throws Exception {
        exec("create table cic2 (a int)");
        exec("insert into cic2 select generate_series(1, 100)");
        try (Connection writer = server.connect(); Statement w = writer.createStatement();
             Connection builder = server.connect(); Statement b = builder.createStatement()) {
            w.execute("begin");
            w.execute("insert into cic2 values (500)");
            long pid = ProcessModelIT.backendPid(builder);
            CompletableFuture<Object> f = runAsync(b, "create index concurrently cic2_a on cic2 (a)");
            assertTrue(TuskServer.waitFor(20000, () -> waitingForLock(pid)), "the build waits for the writer");
            b.cancel();
            Object r = f.get(30, TimeUnit.SECONDS);
            SQLException e = assertInstanceOf(SQLException.class, r);
            assertEquals("57014", e.getSQLState());
            w.execute("commit");
        }
        assertEquals("f", query("select indisvalid from pg_index where indexrelid = 'cic2_a'::regclass"));
        String plan;
        try (Statement st = observer.createStatement()) {
            st.execute("set enable_seqscan = off");
            plan = query("explain (costs off) select * from cic2 where a = 5");
            st.execute("reset enable_seqscan");
        }
        assertFalse(plan.contains("cic2_a"), plan);
        // a plain REINDEX rebuilds it completely and makes it valid
        exec("reindex index cic2_a");
        assertEquals("t", query("select indisvalid from pg_index where indexrelid = 'cic2_a'::regclass"));
        assertEquals("500", viaIndex("select a from cic2 where a = 500"));
    }

    @Test
    void dropIndexConcurrentlyWaitsForTransactionsUsingTheTable() throws Exception {
        exec("create table dic (a int)");
        exec("insert into dic select generate_series(1, 50)");
        exec("create index dic_a on dic (a)");
        try (Connection reader = server.connect(); Statement r = reader.createStatement();
             Connection dropper = server.connect(); Statement d = dropper.createStatement()) {
            r.execute("begin");
            r.execute("select count(*) from dic");
            long pid = ProcessModelIT.backendPid(dropper);
            CompletableFuture<Object> f = runAsync(d, "drop index concurrently dic_a");
            assertTrue(TuskServer.waitFor(20000, () -> waitingForLock(pid)), "the drop waits for the reader");
            // the index is already invalid: new queries do not plan with it
            assertEquals("f", query("select indisvalid from pg_index where indexrelid = 'dic_a'::regclass"));
            r.execute("commit");
            assertEquals("ok", f.get(60, TimeUnit.SECONDS));
        }
        assertEquals("0", query("select count(*) from pg_class where relname = 'dic_a'"));
        try (Statement st = observer.createStatement()) {
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> st.execute("drop index concurrently dic_x, dic_y"));
            assertEquals("0A000", e.getSQLState());
            assertEquals("ERROR: DROP INDEX CONCURRENTLY does not support dropping multiple objects", e.getMessage());
            e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> st.execute("begin; drop index concurrently dic_x"));
            assertEquals("25001", e.getSQLState());
            st.execute("rollback");
        }
    }

    @Test
    void reindexConcurrentlyKeepsTheNameAndConstraintButNotTheOid() throws Exception {
        exec("create table ric (a int primary key, b text)");
        exec("insert into ric select g, 'v' || g from generate_series(1, 100) g");
        exec("create index ric_b on ric (b)");
        String pkOid = query("select 'ric_pkey'::regclass::oid");
        String bOid = query("select 'ric_b'::regclass::oid");
        try (Connection writer = server.connect(); Statement w = writer.createStatement();
             Connection re = server.connect(); Statement s = re.createStatement()) {
            w.execute("begin");
            w.execute("insert into ric values (101, 'v101')");
            long pid = ProcessModelIT.backendPid(re);
            CompletableFuture<Object> f = runAsync(s, "reindex table concurrently ric");
            assertTrue(TuskServer.waitFor(20000, () -> waitingForLock(pid)), "the reindex waits for the writer");
            w.execute("commit");
            assertEquals("ok", f.get(60, TimeUnit.SECONDS));
        }
        assertNotEquals(pkOid, query("select 'ric_pkey'::regclass::oid"));
        assertNotEquals(bOid, query("select 'ric_b'::regclass::oid"));
        assertEquals("ric_pkey", query("select conindid::regclass from pg_constraint where conrelid = 'ric'::regclass"));
        assertEquals("ric_b|ric_pkey", query("select indexrelid::regclass::text from pg_index where indrelid = 'ric'::regclass"
                + " and indisvalid and indisready order by 1"));
        assertEquals("0", query("select count(*) from pg_class where relname like 'ric%cc%'"));
        assertEquals("v101", query("select b from ric where a = 101"), "the row is in the table");
        assertEquals("v101", viaIndex("select b from ric where a = 101"), () -> {
            try {
                return query("select indexrelid::regclass || ' ' || indisvalid || indisready from pg_index where indrelid = 'ric'::regclass")
                        + " / " + query("explain (costs off) select b from ric where a = 101");
            } catch (SQLException e) {
                return e.toString();
            }
        });
        assertEquals("101", viaIndex("select a from ric where b = 'v101'"));
        try (Statement st = observer.createStatement()) {
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> st.execute("insert into ric values (5, 'dup')"));
            assertEquals("23505", e.getSQLState());
            assertTrue(e.getMessage().contains("\"ric_pkey\""), e.getMessage());
        }
    }
}
