package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.it.Jdbc.exec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The free space map: room that VACUUM frees is used again by later inserts and updates instead of
 * the table growing, as on PostgreSQL (the sizes asserted are the ones PostgreSQL 15 shows for the
 * same statements), and the map is the {@code _fsm} fork of the table.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FreeSpaceMapIT extends OneServerPerClass {
    static long size(Connection c, String sql) throws SQLException {
        return Long.parseLong(TuskServer.rows(c, sql).get(0));
    }

    @Test
    void insertsAfterDeleteAndVacuumReuseTheFreedPages() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table fsm_reuse (id int, pad text)");
            exec(c, "insert into fsm_reuse select g, repeat('x', 100) from generate_series(1, 10000) g");
            long initial = size(c, "select pg_relation_size('fsm_reuse')");
            // Each page found full on the way was recorded, which made the map: root, one level-1
            // page and one bottom page, three blocks, as PostgreSQL's map of a small table.
            assertEquals(3 * 8192, size(c, "select pg_relation_size('fsm_reuse', 'fsm')"));
            exec(c, "delete from fsm_reuse");
            exec(c, "vacuum fsm_reuse");
            exec(c, "insert into fsm_reuse select g, repeat('x', 100) from generate_series(1, 10000) g");
            assertEquals(initial, size(c, "select pg_relation_size('fsm_reuse')"));
            assertEquals(10000, size(c, "select count(*) from fsm_reuse"));
        }
    }

    @Test
    void repeatedUpdatesWithVacuumInBetweenStayWithinTwiceTheTable() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table fsm_upd (id int primary key, pad text)");
            exec(c, "insert into fsm_upd select g, repeat('x', 100) from generate_series(1, 5000) g");
            long initial = size(c, "select pg_relation_size('fsm_upd')");
            for (String v : new String[] {"a", "b", "c", "d"}) {
                exec(c, "update fsm_upd set pad = repeat('" + v + "', 100)");
                exec(c, "vacuum fsm_upd");
            }
            long after = size(c, "select pg_relation_size('fsm_upd')");
            // The first update doubles the table (its pages are full); every later one fits in the
            // room VACUUM freed. Without the map each update would add the table's size again.
            assertTrue(after <= 2 * initial + 8192, "after four updates: " + after + " bytes, initially " + initial);
            exec(c, "delete from fsm_upd where id % 2 = 0");
            exec(c, "vacuum fsm_upd");
            exec(c, "insert into fsm_upd select g, repeat('e', 100) from generate_series(5001, 7500) g");
            assertEquals(after, size(c, "select pg_relation_size('fsm_upd')"));
            assertEquals(5000, size(c, "select count(*) from fsm_upd"));
            exec(c, "set enable_seqscan = off");
            assertEquals(1, size(c, "select count(*) from fsm_upd where id = 7500"));
        }
    }
}
