package org.tusk.it;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.*;

/**
 * COPY FROM stores its rows in batches, a page at a time with one WAL record per page
 * (heap_multi_insert), unless a BEFORE ROW trigger or a volatile default must see each row
 * stored before the next. What a user sees must not depend on it: every row, index entry,
 * AFTER ROW trigger and foreign-key check, errors naming the line they come from, and the rows
 * surviving a crash of the server.
 */
class CopyBatchIT extends OneServerPerClass {

    private static String rows(int from, int to, java.util.function.IntFunction<String> line) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to; i++) sb.append(line.apply(i)).append('\n');
        return sb.toString();
    }

    private static long copyIn(Connection c, String sql, String data) throws Exception {
        return ((PGConnection) c).getCopyAPI().copyIn(sql, new StringReader(data));
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    @Test
    void manyRowsOverManyPagesWithIndexesAndToastedValues() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("create table cb_many (a int primary key, b text, c int)");
            st.execute("create index on cb_many (c)");
            // every 500th row carries a value large enough to be toasted
            long n = copyIn(c, "copy cb_many from stdin", rows(1, 20000,
                    i -> i + "\t" + (i % 500 == 0 ? "big" + "x".repeat(5000) + i : "v" + i) + "\t" + (i % 97)));
            assertEquals(20000, n);
            assertEquals("20000|200010000|40", one(c, "select count(*) || '|' || sum(a) || '|' || count(*) filter (where length(b) > 5000) from cb_many"));
            assertTrue(Integer.parseInt(one(c, "select pg_relation_size('cb_many') / 8192")) > 50, "many pages");
            st.execute("set enable_seqscan = off");
            assertEquals("v12345", one(c, "select b from cb_many where a = 12345"));
            assertEquals("207", one(c, "select count(*) from cb_many where c = 7"));
            assertEquals("big" + "x".repeat(5000) + "1500", one(c, "select b from cb_many where a = 1500"));
        }
    }

    @Test
    void aDuplicateInTheBatchNamesItsLine() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("create table cb_dup (a int primary key, b text)");
            SQLException e = assertThrows(SQLException.class, () -> copyIn(c, "copy cb_dup from stdin",
                    rows(1, 5000, i -> (i == 3001 ? 10 : i) + "\tx" + i)));
            assertEquals("23505", e.getSQLState());
            String msg = e.getMessage();
            assertTrue(msg.contains("duplicate key value violates unique constraint \"cb_dup_pkey\""), msg);
            assertTrue(msg.contains("Key (a)=(10) already exists."), msg);
            assertTrue(msg.contains("COPY cb_dup, line 3001"), msg);
            assertEquals("0", one(c, "select count(*) from cb_dup"));
        }
    }

    @Test
    void afterRowTriggersAndForeignKeysSeeEveryRow() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("create table cb_parent (id int primary key)");
            st.execute("insert into cb_parent select generate_series(1, 10)");
            st.execute("create table cb_child (a int, p int references cb_parent)");
            st.execute("create table cb_log (n int)");
            st.execute("create function cb_count() returns trigger language plpgsql as $$"
                    + " begin insert into cb_log values (new.a); return null; end $$");
            st.execute("create trigger cb_after after insert on cb_child for each row execute function cb_count()");
            assertEquals(3000, copyIn(c, "copy cb_child from stdin", rows(1, 3000, i -> i + "\t" + (i % 10 + 1))));
            assertEquals("3000|4501500", one(c, "select count(*) || '|' || sum(n) from cb_log"));
            SQLException e = assertThrows(SQLException.class, () -> copyIn(c, "copy cb_child from stdin",
                    rows(1, 2500, i -> i + "\t" + (i == 2222 ? 11 : 1))));
            assertEquals("23503", e.getSQLState());
            assertTrue(e.getMessage().contains("Key (p)=(11) is not present in table \"cb_parent\"."), e.getMessage());
            assertEquals("3000", one(c, "select count(*) from cb_child"));
        }
    }

    @Test
    void beforeRowTriggersAndVolatileDefaultsStillSeeRowsOneByOne() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            // the default reads the table: each row must see the ones stored before it
            st.execute("create table cb_seen (a int, seen int)");
            st.execute("create function cb_rows() returns int volatile language sql as 'select count(*)::int from cb_seen'");
            st.execute("alter table cb_seen alter column seen set default cb_rows()");
            copyIn(c, "copy cb_seen (a) from stdin", rows(1, 300, Integer::toString));
            assertEquals("0|299|300", one(c, "select min(seen) || '|' || max(seen) || '|' || count(distinct seen) from cb_seen"));
            st.execute("create table cb_before (a int, b int)");
            st.execute("create function cb_double() returns trigger language plpgsql as $$"
                    + " begin if new.a = 150 then return null; end if; new.b := new.a * 2; return new; end $$");
            st.execute("create trigger cb_b before insert on cb_before for each row execute function cb_double()");
            assertEquals(199, copyIn(c, "copy cb_before (a) from stdin", rows(1, 200, Integer::toString)), "a row the trigger skips is not counted");
            assertEquals("199|0", one(c, "select count(*) || '|' || count(*) filter (where b <> a * 2) from cb_before"));
            // nextval is volatile but order-free: rows keep their sequence numbers in line order
            st.execute("create table cb_serial (id serial, a int)");
            copyIn(c, "copy cb_serial (a) from stdin", rows(1, 2000, Integer::toString));
            assertEquals("0", one(c, "select count(*) from cb_serial where id <> a"));
        }
    }

    /**
     * A connection that has run a query once the server is back after a crash: a connection made
     * before the postmaster has noticed the crash is itself terminated by the restart.
     */
    private static Connection reconnect() throws Exception {
        long deadline = System.currentTimeMillis() + 90000;
        while (true) {
            Connection c = null;
            try {
                c = server.connect();
                one(c, "select 1");
                return c;
            } catch (SQLException e) {
                if (c != null) c.close();
                if (System.currentTimeMillis() > deadline) throw e;
                Thread.sleep(300);
            }
        }
    }

    @Test
    void copiedRowsSurviveACrashRestart() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("create table cb_crash (a int primary key, b text)");
            st.execute("checkpoint");
            assertEquals(30000, copyIn(c, "copy cb_crash from stdin", rows(1, 30000, i -> i + "\trow" + i)));
            long victim = ProcessModelIT.backendPid(c);
            ProcessHandle victimProcess = ProcessHandle.of(victim).orElseThrow();
            victimProcess.destroyForcibly();   // SIGKILL: crash restart, WAL replay
            victimProcess.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        try (Connection c = reconnect(); Statement st = c.createStatement()) {
            assertEquals("30000|450015000", one(c, "select count(*) || '|' || sum(a) from cb_crash"));
            st.execute("set enable_seqscan = off");
            assertEquals("row29999", one(c, "select b from cb_crash where a = 29999"));
        }
    }
}
