package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * REINDEX TABLE CONCURRENTLY rebuilds the indexes of the table's TOAST relation too
 * (ReindexRelationConcurrently's toastrelid step): the TOAST index gets a new OID under its old
 * name, every out-of-line value stays readable, including those written while the copy was built,
 * and a materialized view whose only index is its TOAST relation's has something to reindex.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ToastReindexConcurrentlyIT extends OneServerPerClass {
    static String one(Connection c, String sql) throws SQLException {
        return TuskServer.rows(c, sql).get(0);
    }

    /** A value of about 6 kB that pglz cannot shrink below the TOAST threshold: it goes out of line. */
    static final String BIG = "(select string_agg(md5(i::text || g::text), '') from generate_series(1, 200) i)";

    static String toastIndex(Connection c, String table) throws SQLException {
        return one(c, "select i.indexrelid || ' ' || i.indexrelid::regclass from pg_index i join pg_class t on t.reltoastrelid = i.indrelid"
                + " where t.relname = '" + table + "'");
    }

    @Test
    void rebuildsTheToastIndexAndKeepsEveryValue() throws Exception {
        try (Connection c = server.connect(); Connection writer = server.connect()) {
            exec(c, "create table tr_t (g int primary key, v text)");
            exec(c, "insert into tr_t select g, " + BIG + " from generate_series(1, 50) g");
            String expected = one(c, "select md5(string_agg(v, '' order by g)) from tr_t");
            String before = toastIndex(c, "tr_t");
            // a writer that opened the table before the reindex, and writes out-of-line values
            writer.setAutoCommit(false);
            exec(writer, "insert into tr_t select g, " + BIG + " from generate_series(51, 60) g");
            CompletableFuture<Object> reindex = CompletableFuture.supplyAsync(() -> {
                try (Connection r = server.connect(); Statement st = r.createStatement()) {
                    st.execute("reindex table concurrently tr_t");
                    return st.getWarnings();
                } catch (SQLException e) {
                    return e;
                }
            });
            Thread.sleep(500);
            assertFalse(reindex.isDone(), "REINDEX CONCURRENTLY did not wait for the writer");
            exec(writer, "insert into tr_t select g, " + BIG + " from generate_series(61, 70) g");
            writer.commit();
            Object r = reindex.get(120, TimeUnit.SECONDS);
            assertFalse(r instanceof SQLException, String.valueOf(r));
            exec(c, "insert into tr_t select g, " + BIG + " from generate_series(71, 80) g");
            String after = toastIndex(c, "tr_t");
            assertNotEquals(before.split(" ")[0], after.split(" ")[0], "the TOAST index was not rebuilt");
            assertEquals(before.split(" ")[1], after.split(" ")[1]);
            assertEquals(expected, one(c, "select md5(string_agg(v, '' order by g)) from tr_t where g <= 50"));
            assertEquals("80", one(c, "select count(*) from tr_t where length(v) = 6400"));
            assertTrue(Integer.parseInt(one(c, "select count(*) from pg_class where relname like '%_ccold' or relname like '%_ccnew'")) == 0);
        }
    }

    @Test
    void aMaterializedViewHasItsToastIndexToReindex() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("create table tr_base (a int, b text)");
            st.execute("insert into tr_base values (1, " + BIG.replace("g::text", "1::text") + ")");
            st.execute("create materialized view tr_mv as select * from tr_base");
            st.execute("reindex table concurrently tr_mv");
            assertNull(st.getWarnings(), "a NOTICE that there was nothing to reindex");
            assertEquals("6400", one(c, "select length(b) from tr_mv"));
        }
    }
}
