package org.tusk.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * TOAST as a user sees it: values of a megabyte (random, incompressible and compressible, text
 * and bytea) are stored out of line in the table's TOAST relation, read back intact, updated,
 * deleted, and survive a clean restart and a kill -9 of every process (WAL replay of the TOAST
 * relation's heap and B-tree records). pg_column_size and the relation size functions answer what
 * PostgreSQL 15 answers for the same rows (numbers taken from a PostgreSQL 15 server). A reader
 * keeping its snapshot still reads the old value after another session updates the row.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ToastIT {
    /** A megabyte of random bytes (fixed seed): incompressible by pglz. */
    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Random text of {@code n} ASCII letters and digits: pglz cannot save a quarter of it. */
    static String randomText(int n, long seed) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.toString();
    }

    static final int MB = 1 << 20;

    private static void insert(Connection c, int id, String text, byte[] bytes) throws SQLException {
        // bytea travels as hex text (the binary input of bytea is not there yet)
        try (PreparedStatement ps = c.prepareStatement("insert into big values (?, ?, decode(?, 'hex'))")) {
            ps.setInt(1, id);
            ps.setString(2, text);
            ps.setString(3, bytes == null ? null : java.util.HexFormat.of().formatHex(bytes));
            ps.executeUpdate();
        }
    }

    private static Object[] row(Connection c, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select t, b from big where id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                return new Object[] {rs.getString(1), rs.getBytes(2)};
            }
        }
    }

    private static void assertRow(Connection c, int id, String text, byte[] bytes) throws SQLException {
        Object[] r = row(c, id);
        assertEquals(text, r[0], "text of row " + id);
        assertArrayEquals(bytes, (byte[]) r[1], "bytea of row " + id);
    }

    @Test
    void largeValuesAreStoredOutOfLineReadUpdatedDeletedAndSurviveRestartAndCrash() throws Exception {
        String randText = randomText(MB, 1);
        byte[] randBytes = randomBytes(MB, 2);
        String compText = "abcdefgh".repeat(MB / 8);
        byte[] compBytes = "0123456789abcdef".repeat(MB / 16).getBytes();
        try (TuskServer server = TuskServer.start()) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("create table big (id int primary key, t text, b bytea)");
                // create_toast_table: pg_toast.pg_toast_<oid> with its index, reltoastrelid set
                assertEquals(List.of("pg_toast_OID|t|pg_toast|3", "pg_toast_OID_index|i|pg_toast|2"),
                        TuskServer.rows(c, "select replace(c.relname, (select oid::text from pg_class where relname = 'big'), 'OID')"
                                + " || '|' || c.relkind || '|' || n.nspname || '|' || c.relnatts from pg_class c"
                                + " join pg_namespace n on n.oid = c.relnamespace where c.relname like 'pg_toast_%'"
                                + " and c.relname like '%' || (select oid::text from pg_class where relname = 'big') || '%'"
                                + " order by c.relname"));
                assertEquals("t", ProtocolIT.one(c, "select reltoastrelid <> 0 from pg_class where relname = 'big'"));

                insert(c, 1, randText, randBytes);
                insert(c, 2, compText, compBytes);
                assertRow(c, 1, randText, randBytes);
                assertRow(c, 2, compText, compBytes);
                // toast_datum_size: external size (raw for incompressible, compressed otherwise)
                assertEquals(List.of(MB + "|" + MB), TuskServer.rows(c,
                        "select pg_column_size(t) || '|' || pg_column_size(b) from big where id = 1"));
                assertEquals("t", ProtocolIT.one(c, "select pg_column_size(t) < 20000 and pg_column_size(b) < 20000 from big where id = 2"));
                // the main table holds only pointers: one page; the chunks are in the TOAST relation
                assertEquals("8192", ProtocolIT.one(c, "select pg_relation_size('big')"));
                assertNotEquals("0", ProtocolIT.one(c, "select pg_relation_size(reltoastrelid) from pg_class where relname = 'big'"));

                // UPDATE of another column keeps the old pointer; a new value replaces the old one
                String toastRows = "select count(*) from pg_toast.pg_toast_" + ProtocolIT.one(c, "select oid from pg_class where relname = 'big'");
                String chunksBefore = ProtocolIT.one(c, toastRows);
                String valueIds = toastRows.replace("select count(*) from", "select chunk_id from") + " group by chunk_id order by 1";
                List<String> idsBefore = TuskServer.rows(c, valueIds);
                assertEquals(4, idsBefore.size());
                s.execute("update big set b = b where id = 2");
                assertEquals(idsBefore, TuskServer.rows(c, valueIds), "unchanged values keep their pointers");
                s.execute("update big set t = t || 'x' where id = 1");
                assertRow(c, 1, randText + "x", randBytes);
                assertRow(c, 2, compText, compBytes);
                s.execute("delete from big where id = 2");
                assertEquals(null, row(c, 2));
                s.execute("vacuum big");
                assertEquals("1", ProtocolIT.one(c, "select count(*) from big"));
                assertNotEquals(chunksBefore, ProtocolIT.one(c, toastRows));
            }
            server.stop("fast");
            server.startAgain();
            try (Connection c = server.connect()) {
                assertRow(c, 1, randText + "x", randBytes);
                insert(c, 3, compText, randBytes);   // written after the last checkpoint: only in WAL
            }
            DurabilityIT.killEverything(server);
            server.startAgain();
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                assertRow(c, 1, randText + "x", randBytes);
                assertRow(c, 3, compText, randBytes);
                s.execute("truncate big");
                assertEquals("0", ProtocolIT.one(c, "select pg_relation_size(reltoastrelid) from pg_class where relname = 'big'"));
                insert(c, 4, randText, compBytes);
                assertRow(c, 4, randText, compBytes);
                s.execute("drop table big");
                assertEquals("0", ProtocolIT.one(c, "select count(*) from pg_class where relnamespace = 99"));
            }
        }
    }

    @Test
    void sizesAreThoseOfPostgres() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("create table c (id int, t text)");
                s.execute("alter table c alter column t set storage external");
                s.execute("insert into c values (1, repeat('0123456789', 500))");
                // PostgreSQL 15: heap page 8192, TOAST page 8192, TOAST index meta + root 16384
                assertEquals(List.of("32768|32768|0|8192|5000|16384"), TuskServer.rows(c,
                        "select pg_table_size('c') || '|' || pg_total_relation_size('c') || '|' || pg_indexes_size('c') || '|'"
                                + " || pg_relation_size('c') || '|' || pg_column_size(t) || '|'"
                                + " || pg_indexes_size(reltoastrelid) from c, pg_class where relname = 'c'"));
                assertEquals("32 kB", ProtocolIT.one(c, "select pg_size_pretty(pg_table_size('c'))"));
                // compressed values: sizes of pglz output, byte-identical to PostgreSQL's
                s.execute("create table tt (id int, a text, b bytea)");
                s.execute("insert into tt values (2, repeat('abcdefgh', 125000), decode(repeat('ab', 500000), 'hex'))");
                assertEquals(List.of("11460|5731|e0bc5540dc583dfc5b71d5551af412bf|f64e805c194d70dc634614e3a4570fc1"),
                        TuskServer.rows(c, "select pg_column_size(a) || '|' || pg_column_size(b) || '|' || md5(a) || '|' || md5(b) from tt"));
                // a table whose rows cannot exceed the threshold gets no TOAST relation (needs_toast_table)
                s.execute("create table small (a int, v varchar(100))");
                assertEquals("0", ProtocolIT.one(c, "select reltoastrelid from pg_class where relname = 'small'"));
                s.execute("alter table small add column t text");
                assertNotEquals("0", ProtocolIT.one(c, "select reltoastrelid from pg_class where relname = 'small'"));
            }
        }
    }

    @Test
    void aReaderKeepsItsSnapshotWhileTheRowIsUpdated() throws Exception {
        String v1 = randomText(300_000, 7);
        String v2 = randomText(300_000, 8);
        try (TuskServer server = TuskServer.start()) {
            try (Connection writer = server.connect(); Connection reader = server.connect();
                 Statement w = writer.createStatement(); Statement r = reader.createStatement()) {
                w.execute("create table big (id int primary key, t text, b bytea)");
                insert(writer, 1, v1, null);
                r.execute("begin isolation level repeatable read");
                assertEquals(v1, row(reader, 1)[0]);
                w.execute("update big set t = '" + v2 + "' where id = 1");
                w.execute("vacuum big");   // the reader's snapshot keeps the old chunks
                assertEquals(v2, row(writer, 1)[0]);
                assertEquals(v1, row(reader, 1)[0], "the old version's chunks are still readable");
                r.execute("commit");
                assertEquals(v2, row(reader, 1)[0]);
                w.execute("delete from big");
                w.execute("vacuum big");
                assertEquals("0", ProtocolIT.one(writer, "select count(*) from pg_toast.pg_toast_"
                        + ProtocolIT.one(writer, "select oid from pg_class where relname = 'big'")));
            }
        }
    }
}
