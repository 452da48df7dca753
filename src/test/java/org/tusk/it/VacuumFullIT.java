package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * VACUUM FULL (cluster.c's rebuild without an index): the table shrinks to its live rows, its
 * indexes are rebuilt without uniqueness checks, a snapshot taken before still sees what it saw,
 * and the rewritten pages survive a crash through their WAL images.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class VacuumFullIT extends OneServerPerClass {
    static String one(Connection c, String sql) throws SQLException {
        return TuskServer.rows(c, sql).get(0);
    }

    @Test
    void shrinksTheTableAndKeepsRowsAndIndexes() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table vf_shrink (a int primary key, b text, c text)");
            exec(c, "create index vf_shrink_b on vf_shrink (b)");
            exec(c, "insert into vf_shrink select g, 'x' || g, repeat('y', 3000) from generate_series(1, 2000) g");
            exec(c, "update vf_shrink set b = b || 'u' where a % 2 = 0");
            exec(c, "delete from vf_shrink where a % 3 = 0");
            long before = Long.parseLong(one(c, "select pg_relation_size('vf_shrink')"));
            exec(c, "vacuum full vf_shrink");
            long after = Long.parseLong(one(c, "select pg_relation_size('vf_shrink')"));
            assertTrue(after < before, "VACUUM FULL left " + after + " bytes of " + before);
            assertEquals("1334|4002000", one(c, "select count(*), sum(length(c)) from vf_shrink"));
            exec(c, "set enable_seqscan = off");
            assertEquals(List.of("10|x10u", "11|x11"), TuskServer.rows(c, "select a, b from vf_shrink where a in (10, 11, 12) order by a"));
            assertEquals(List.of("x10u"), TuskServer.rows(c, "select b from vf_shrink where b = 'x10u'"));
            assertEquals("1334", one(c, "select count(*) from vf_shrink where b like 'x%'"));
            exec(c, "reset enable_seqscan");
            assertEquals("1334", one(c, "select reltuples::int from pg_class where relname = 'vf_shrink'"));
        }
    }

    @Test
    void leavesAnInvalidUniqueIndexInvalidAndUnchecked() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table vf_uniq (f1 text, f2 text)");
            exec(c, "insert into vf_uniq values ('a', 'b'), ('b', 'b')");
            assertThrows(SQLException.class, () -> exec(c, "create unique index concurrently vf_uniq_f2 on vf_uniq (f2)"));
            exec(c, "vacuum full vf_uniq");
            assertEquals("f", one(c, "select indisvalid from pg_index where indexrelid = 'vf_uniq_f2'::regclass"));
            SQLException e = assertThrows(SQLException.class, () -> exec(c, "reindex table vf_uniq"));
            assertTrue(e.getMessage().contains("could not create unique index \"vf_uniq_f2\""), e.getMessage());
            exec(c, "delete from vf_uniq where f1 = 'b'");
            exec(c, "vacuum full vf_uniq");
            assertEquals("f", one(c, "select indisvalid from pg_index where indexrelid = 'vf_uniq_f2'::regclass"));
            exec(c, "reindex table vf_uniq");
            assertEquals("t", one(c, "select indisvalid from pg_index where indexrelid = 'vf_uniq_f2'::regclass"));
        }
    }

    @Test
    void anOlderSnapshotStillSeesWhatItSaw() throws Exception {
        try (Connection old = server.connect(); Connection c = server.connect()) {
            exec(c, "create table vf_snap (id int primary key, v int)");
            exec(c, "create table vf_other (x int)");
            exec(c, "insert into vf_snap select g, g from generate_series(1, 100) g");
            old.setAutoCommit(false);
            exec(old, "set transaction isolation level repeatable read");
            assertEquals("0", one(old, "select count(*) from vf_other"));   // the snapshot, without touching vf_snap
            exec(c, "delete from vf_snap where id <= 40");
            exec(c, "update vf_snap set v = v + 1000 where id > 90");
            exec(c, "vacuum full vf_snap");
            // the deleted and the updated versions were recently dead, so they were copied
            assertEquals("100|5050", one(old, "select count(*), sum(v) from vf_snap"));
            SQLException e = assertThrows(SQLException.class, () -> exec(old, "update vf_snap set v = 0 where id = 95"));
            assertEquals("40001", e.getSQLState());
            old.rollback();
            assertEquals("60|14230", one(c, "select count(*), sum(v) from vf_snap"));
            exec(c, "vacuum full vf_snap");   // now nobody needs the old versions
            assertEquals("60|14230", one(c, "select count(*), sum(v) from vf_snap"));
        }
    }

    @Test
    void rewrittenPagesSurviveACrash() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table vf_crash (a int primary key, b text)");
            exec(c, "insert into vf_crash select g, repeat('z', 200) || g from generate_series(1, 3000) g");
            exec(c, "delete from vf_crash where a % 2 = 0");
            exec(c, "vacuum full vf_crash");
        }
        server.stop("immediate");
        server.startAgain();
        try (Connection c = server.connect()) {
            assertEquals("1500|2250000", one(c, "select count(*), sum(a) from vf_crash"));
            exec(c, "set enable_seqscan = off");
            assertEquals("1", one(c, "select count(*) from vf_crash where a = 2999"));
        }
    }

    @Test
    void refusesSystemCatalogs() throws Exception {
        try (Connection c = server.connect()) {
            SQLException e = assertThrows(SQLException.class, () -> exec(c, "vacuum full pg_class"));
            assertEquals("0A000", e.getSQLState());
        }
    }
}
