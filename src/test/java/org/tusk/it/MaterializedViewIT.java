package org.tusk.it;

import static org.junit.jupiter.api.Assertions.*;
import static org.tusk.it.Jdbc.*;

import java.sql.Connection;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * Materialized views as a user sees them in PostgreSQL 15: CREATE MATERIALIZED VIEW stores the
 * query's rows, which SELECT reads until REFRESH recomputes them; WITH NO DATA leaves one
 * unreadable (55000 with the HINT); REFRESH CONCURRENTLY needs a unique index; the rows cannot be
 * changed directly; indexes, the catalog rows, DROP and RENAME behave as PostgreSQL's do.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MaterializedViewIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void keepsTheQueryRowsUntilRefreshed() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            exec(c, "create table mv_src (a int, b text)",
                    "insert into mv_src select g, 'x' || g from generate_series(1, 5) g");
            assertFalse(s.execute("create materialized view mv_keep as select a, b from mv_src where a > 2"));
            assertEquals(3, s.getUpdateCount());
            exec(c, "insert into mv_src values (10, 'y')");
            // the stored rows, not the query's current result
            assertEquals("3|x3;4|x4;5|x5", joinedRows(c, "select * from mv_keep order by a"));
            exec(c, "refresh materialized view mv_keep");
            assertEquals("3|x3;4|x4;5|x5;10|y", joinedRows(c, "select * from mv_keep order by a"));
            assertEquals("m|t|t", joinedRows(c, "select relkind, relispopulated, relhasrules from pg_class where relname = 'mv_keep'"));
            assertEquals(List.of("_RETURN|1|t"), rowsShowingNull(c,
                    "select rulename, ev_type, is_instead from pg_rewrite where ev_class = 'mv_keep'::regclass"));
            exec(c, "drop table mv_src cascade");
        }
    }

    @Test
    void withNoDataIsUnreadableUntilRefreshed() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            exec(c, "create table nd_src (a int)", "insert into nd_src values (1), (2)");
            s.execute("create materialized view nd_mv (x) as select a from nd_src with no data");
            assertEquals("f", joinedRows(c, "select relispopulated from pg_class where relname = 'nd_mv'"));
            PSQLException e = fails(c, "select * from nd_mv", "55000");
            assertEquals("materialized view \"nd_mv\" has not been populated", e.getServerErrorMessage().getMessage());
            assertEquals("Use the REFRESH MATERIALIZED VIEW command.", e.getServerErrorMessage().getHint());
            exec(c, "refresh materialized view nd_mv");
            assertEquals("1;2", joinedRows(c, "select x from nd_mv order by x"));
            exec(c, "refresh materialized view nd_mv with no data");
            fails(c, "select count(*) from nd_mv", "55000");
            assertEquals("CONCURRENTLY cannot be used when the materialized view is not populated",
                    failsMessage(c, "refresh materialized view concurrently nd_mv", "0A000"));
            exec(c, "drop table nd_src cascade");
        }
    }

    @Test
    void concurrentRefreshNeedsAUniqueIndex() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table cr_src (a int)", "insert into cr_src values (1), (2)",
                    "create materialized view cr_mv as select a from cr_src");
            PSQLException e = fails(c, "refresh materialized view concurrently cr_mv", "55000");
            assertEquals("cannot refresh materialized view \"public.cr_mv\" concurrently", e.getServerErrorMessage().getMessage());
            exec(c, "create index cr_mv_plain on cr_mv (a)");
            fails(c, "refresh materialized view concurrently cr_mv", "55000");
            exec(c, "create unique index cr_mv_a on cr_mv (a)", "insert into cr_src values (3)",
                    "refresh materialized view concurrently cr_mv");
            assertEquals("1;2;3", joinedRows(c, "select a from cr_mv order by a"));
            // the index holds the new rows: an index scan finds them
            exec(c, "set enable_seqscan = off");
            assertEquals("3", joinedRows(c, "select a from cr_mv where a = 3"));
            exec(c, "reset enable_seqscan");
            fails(c, "refresh materialized view concurrently cr_mv with no data", "42601");
            exec(c, "drop table cr_src cascade");
        }
    }

    @Test
    void plainRefreshSwapsStorageAndRebuildsIndexes() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table sw_src (a int)", "insert into sw_src select generate_series(1, 100)",
                    "create materialized view sw_mv as select a from sw_src",
                    "create unique index sw_mv_a on sw_mv (a)");
            String before = joinedRows(c, "select relfilenode from pg_class where relname = 'sw_mv'");
            exec(c, "delete from sw_src where a > 50", "refresh materialized view sw_mv");
            assertNotEquals(before, joinedRows(c, "select relfilenode from pg_class where relname = 'sw_mv'"));
            // reindex_relation after the swap sets the sizes, as index_update_stats does
            assertEquals("50", joinedRows(c, "select reltuples::int from pg_class where relname = 'sw_mv'"));
            exec(c, "set enable_seqscan = off");
            assertEquals("0", joinedRows(c, "select count(*) from sw_mv where a = 75"));
            assertEquals("1", joinedRows(c, "select count(*) from sw_mv where a = 25"));
            exec(c, "reset enable_seqscan", "drop table sw_src cascade");
        }
    }

    @Test
    void rowsCannotBeChangedDirectly() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ch_src (a int)", "insert into ch_src values (1)",
                    "create materialized view ch_mv as select a from ch_src");
            assertEquals("cannot change materialized view \"ch_mv\"", failsMessage(c, "insert into ch_mv values (2)", "42809"));
            failsMessage(c, "update ch_mv set a = 2", "42809");
            failsMessage(c, "delete from ch_mv", "42809");
            assertEquals("cannot copy from materialized view \"ch_mv\"", failsMessage(c, "copy ch_mv to stdout", "42809"));
            assertEquals("1", joinedRows(c, "select a from ch_mv"));
            exec(c, "drop table ch_src cascade");
        }
    }

    @Test
    void createChecksAndIfNotExists() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ck_src (a int, b int)", "create materialized view ck_mv as select a from ck_src");
            assertEquals("relation \"ck_mv\" already exists",
                    failsMessage(c, "create materialized view ck_mv as select 1", "42P07"));
            SQLWarning w = exec(c, "create materialized view if not exists ck_mv as select 1");
            assertEquals("relation \"ck_mv\" already exists, skipping", w.getMessage());
            assertEquals("too many column names were specified",
                    failsMessage(c, "create materialized view ck_2 (x, y, z) as select a, b from ck_src", "42601"));
            exec(c, "create temp table ck_temp (a int)");
            assertEquals("materialized views must not use temporary tables or views",
                    failsMessage(c, "create materialized view ck_3 as select * from ck_temp", "0A000"));
            exec(c, "drop table ck_src cascade");
        }
    }

    @Test
    void dropRenameAndDependencies() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table dr_src (a int)", "create materialized view dr_mv as select a from dr_src");
            PSQLException e = fails(c, "drop view dr_mv", "42809");
            assertEquals("\"dr_mv\" is not a view", e.getServerErrorMessage().getMessage());
            assertEquals("Use DROP MATERIALIZED VIEW to remove a materialized view.", e.getServerErrorMessage().getHint());
            PSQLException blocked = fails(c, "drop table dr_src", "2BP01");
            assertEquals("materialized view dr_mv depends on table dr_src", blocked.getServerErrorMessage().getDetail());
            assertEquals(List.of("rule _RETURN on materialized view dr_mv|materialized view dr_mv|i",
                            "rule _RETURN on materialized view dr_mv|table dr_src|n"),
                    rowsShowingNull(c, "select pg_describe_object(classid, objid, objsubid), "
                            + "pg_describe_object(refclassid, refobjid, refobjsubid), deptype from pg_depend "
                            + "where classid = 'pg_rewrite'::regclass and objid = (select oid from pg_rewrite "
                            + "where ev_class = 'dr_mv'::regclass) and objsubid = 0 and refobjsubid = 0 order by 2"));
            exec(c, "alter materialized view dr_mv rename to dr_mv2");
            assertEquals("materialized view", joinedRows(c,
                    "select case relkind when 'm' then 'materialized view' end from pg_class where relname = 'dr_mv2'"));
            exec(c, "drop materialized view dr_mv2");
            SQLWarning w = exec(c, "drop materialized view if exists dr_mv2");
            assertEquals("materialized view \"dr_mv2\" does not exist, skipping", w.getMessage());
            exec(c, "drop table dr_src");
        }
    }

    @Test
    void onlyTheOwnerRefreshes() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create role mv_reader", "create table ow_src (a int)", "grant select on ow_src to mv_reader",
                    "create materialized view ow_mv as select a from ow_src", "grant select on ow_mv to mv_reader",
                    "set role mv_reader");
            assertEquals("must be owner of materialized view ow_mv",
                    failsMessage(c, "refresh materialized view ow_mv", "42501"));
            assertEquals(List.of(), rowsShowingNull(c, "select a from ow_mv"));
            exec(c, "reset role", "drop table ow_src cascade", "drop role mv_reader");
        }
    }
}
