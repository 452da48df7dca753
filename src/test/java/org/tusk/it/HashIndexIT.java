package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hash indexes as a user sees them: over random integers, texts and floats with many duplicates
 * (long overflow chains) and enough rows for many bucket splits, an index scan and a bitmap scan
 * with {@code =} return exactly the rows a sequential scan does, also after two sessions insert
 * at once (splitting buckets under each other), after deletes and VACUUM, and after a backend is
 * killed with SIGKILL and the server restarts through crash recovery. The catalog and planner
 * side: \d's "hash (col)", only {@code =} uses the index, the refusals PostgreSQL gives
 * (unique, multicolumn, ASC/DESC) and the hash support functions' values, which equal
 * PostgreSQL's.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HashIndexIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static String one(Connection c, String sql) throws SQLException {
        return Jdbc.joinedRows(c, sql);
    }

    private static final List<String> QUALS = List.of("i = 17", "i = 123456", "i = 0", "i = 99999999", "i = 17::int8",
            "t = 'k3'", "t = 'k999'", "t = 'absent'", "f = 0.5", "f = 2", "17 = i");

    private static void fill(Connection c, int from, int to) throws SQLException {
        // i: values repeat (i % 5000, and a hot value 17 on every seventh row); t: 1000 distinct values; f: 8
        Jdbc.exec(c, "insert into hx select g, case when g % 7 = 0 then 17 else (g::bigint * 7919) % 5000 end,"
                + " 'k' || ((g::bigint * 104729) % 1000), (g % 8) / 4.0 from generate_series(" + from + ", " + to + ") g");
    }

    private static String count(Connection c, String mode, String qual) throws SQLException {
        one(c, "select set_config('enable_seqscan', '" + (mode.equals("seq") ? "on" : "off") + "', false)");
        one(c, "select set_config('enable_indexscan', '" + (mode.equals("index") ? "on" : "off") + "', false)");
        one(c, "select set_config('enable_bitmapscan', '" + (mode.equals("bitmap") ? "on" : "off") + "', false)");
        return one(c, "select count(*), coalesce(sum(id), 0) from hx where " + qual);
    }

    private static void assertSameAsSeqScan(Connection c) throws SQLException {
        for (String q : QUALS) {
            String seq = count(c, "seq", q);
            assertEquals(seq, count(c, "index", q), "index scan: " + q);
            assertEquals(seq, count(c, "bitmap", q), "bitmap scan: " + q);
        }
        Jdbc.exec(c, "reset enable_seqscan", "reset enable_indexscan", "reset enable_bitmapscan");
    }

    @Test
    void scansReturnWhatSequentialScansDoThroughSplitsConcurrencyVacuumAndACrash() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            Jdbc.exec(a, "create table hx (id int, i int, t text, f float8)");
            fill(a, 1, 3000);
            Jdbc.exec(a, "create index hx_i on hx using hash (i)", "create index hx_t on hx using hash (t) with (fillfactor = 10)",
                    "create index hx_f on hx using hash (f)");
            int blocksBefore = Integer.parseInt(one(a, "select pg_relation_size('hx_i') / 8192"));
            assertSameAsSeqScan(a);
            // the index grows by inserts from two sessions at once: splits and overflow pages under each other
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
                try {
                    for (int k = 0; k < 10; k++) fill(b, 100000 + k * 3000, 100000 + k * 3000 + 2999);
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            for (int k = 0; k < 10; k++) fill(a, 3001 + k * 3000, 3001 + k * 3000 + 2999);
            other.get(120, TimeUnit.SECONDS);
            assertTrue(Integer.parseInt(one(a, "select pg_relation_size('hx_i') / 8192")) > blocksBefore * 4,
                    "the index split its buckets as it grew");
            assertSameAsSeqScan(a);
            assertEquals(List.of("Bitmap Heap Scan on hx", "  Recheck Cond: (i = 17)", "  ->  Bitmap Index Scan on hx_i",
                    "        Index Cond: (i = 17)"), Jdbc.plan(a, "select * from hx where i = 17"));
            // only = is a hash index's: a range or IS NULL is a sequential scan even with seqscan off
            Jdbc.exec(a, "set enable_seqscan = off");
            assertTrue(Jdbc.plan(a, "select * from hx where i < 5").get(0).startsWith("Seq Scan"));
            assertTrue(Jdbc.plan(a, "select * from hx where i is null").get(0).startsWith("Seq Scan"));
            assertTrue(Jdbc.plan(a, "select * from hx order by i limit 3").stream().noneMatch(l -> l.contains("hx_i")));
            Jdbc.exec(a, "reset enable_seqscan");
            // nulls are not indexed, and a null comparison finds nothing
            Jdbc.exec(a, "insert into hx values (-1, null, null, null)");
            assertEquals("0|0", count(a, "index", "i = null::int"));
            Jdbc.exec(a, "delete from hx where id % 3 = 0", "vacuum hx");
            assertSameAsSeqScan(a);
            Jdbc.exec(a, "insert into hx select g, 17, 'k3', 0.5 from generate_series(900000, 902000) g");
            String expected = count(a, "seq", "i = 17") + "/" + count(a, "seq", "t = 'k3'");
            // a backend killed after its commit: crash recovery replays the index pages from WAL
            long pid = Long.parseLong(one(b, "select pg_backend_pid()"));
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertTrue(TuskServer.waitFor(60_000, () -> {
            try (Connection c = server.connect()) {
                return one(c, "select 1").equals("1");
            } catch (SQLException e) {
                return false;
            }
        }), "the server accepts connections again after the crash");
        try (Connection c = server.connect()) {
            assertSameAsSeqScan(c);
            Jdbc.exec(c, "drop table hx");
        }
    }

    @Test
    void catalogAndErrorsAreAsPostgreSqlHasThem() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "create table hc (a int, b varchar(10), n name)", "create index hc_a on hc using hash (a)",
                    "create index hc_b on hc using hash (b)", "create index hc_bv on hc using hash (b varchar_ops)");
            assertEquals("CREATE INDEX hc_a ON public.hc USING hash (a)", one(c, "select pg_get_indexdef('hc_a'::regclass)"));
            assertEquals("CREATE INDEX hc_b ON public.hc USING hash (b)", one(c, "select pg_get_indexdef('hc_b'::regclass)"));
            assertEquals("CREATE INDEX hc_bv ON public.hc USING hash (b varchar_ops)", one(c, "select pg_get_indexdef('hc_bv'::regclass)"));
            assertEquals("operator class \"text_ops\" does not accept data type name",
                    Jdbc.failsMessage(c, "create index on hc using hash (n text_ops)", "42804"));
            assertEquals("hash|int4_ops|integer_ops", one(c, "select am.amname, oc.opcname, of.opfname from pg_index i"
                    + " join pg_opclass oc on oc.oid = i.indclass[0] join pg_am am on am.oid = oc.opcmethod"
                    + " join pg_opfamily of on of.oid = oc.opcfamily where i.indexrelid = 'hc_a'::regclass"));
            assertEquals("10020", one(c, "select oid from pg_opclass where opcname = 'int4_ops' and opcmethod = 405"));
            assertEquals("access method \"hash\" does not support unique indexes",
                    Jdbc.failsMessage(c, "create unique index on hc using hash (a)", "0A000"));
            assertEquals("access method \"hash\" does not support multicolumn indexes",
                    Jdbc.failsMessage(c, "create index on hc using hash (a, b)", "0A000"));
            assertEquals("access method \"hash\" does not support ASC/DESC options",
                    Jdbc.failsMessage(c, "create index on hc using hash (a desc)", "0A000"));
            assertEquals("operator class \"int4_ops\" does not accept data type name",
                    Jdbc.failsMessage(c, "create index on hc using hash (n int4_ops)", "42804"));
            assertEquals("value 5 out of bounds for option \"fillfactor\"",
                    Jdbc.failsMessage(c, "create index on hc using hash (a) with (fillfactor = 5)", "22023"));
            // the hash support functions compute what PostgreSQL 15's do
            assertEquals("-82204417|73968562|1412886042|-694934712|-739285521|630860146|630860146|0|0|-1275764840|-785388649"
                    + "|463612535|1154666245|-1551443374|1053370306|1718550461",
                    one(c, "select hashint2(-7::int2), hashint4(123456), hashint8(-5), hashint8(5000000000),"
                            + " hashoid(4000000000::oid), hashfloat4(1.5::float4), hashfloat8(1.5), hashfloat8(0), hashfloat8(-0.0),"
                            + " hashfloat8('NaN'), hashname('abc'), hashchar('a'::\"char\"),"
                            + " uuid_hash('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'), timestamp_hash('2020-01-02 03:04:05.678'),"
                            + " time_hash('12:34:56.789'), hashbpchar('ab  ')"));
            // enum_ops takes every enum type; hashoptions knows only fillfactor
            Jdbc.exec(c, "create type hue as enum ('red', 'orange', 'yellow')", "create table he (col hue)",
                    "insert into he select (array['red', 'orange', 'yellow'])[1 + g % 3]::hue from generate_series(1, 3000) g",
                    "create index he_col on he using hash (col)", "set enable_seqscan = off");
            assertEquals("        Index Cond: (col = 'orange'::hue)", Jdbc.plan(c, "select * from he where col = 'orange'").get(3));
            assertEquals("1000", one(c, "select count(*) from he where col = 'orange'"));
            Jdbc.exec(c, "reset enable_seqscan", "alter index he_col set (fillfactor = 50)");
            assertEquals("unrecognized parameter \"deduplicate_items\"",
                    Jdbc.failsMessage(c, "alter index he_col set (deduplicate_items = on)", "22023"));
            Jdbc.exec(c, "drop table hc", "drop table he", "drop type hue");
        }
    }
}
