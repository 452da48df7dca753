package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Arrays of a composite type as table columns: stored, read back after a restart of the
 * session's caches, compared and ordered, and filled by json_populate_record. Expected rows
 * are PostgreSQL 15's answers to the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CompositeArrayIT {
    @Test
    void compositeArrayColumns() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create type cpop as (a text, b int)");
                s.execute("create table ct (id int, reca cpop[])");
                s.execute("insert into ct values (1, array[row('x',1)::cpop, null, row(null,3)::cpop]),"
                        + " (2, '{\"(a,2)\"}'), (3, null), (4, '{}')");
            }
            assertEquals(List.of("1|{\"(x,1)\",NULL,\"(,3)\"}", "2|{\"(a,2)\"}", "3|", "4|{}"),
                    TuskServer.rows(c, "select * from ct order by id"));
            assertEquals(List.of("4", "2", "1", "3"), TuskServer.rows(c, "select id from ct order by reca"));
            assertEquals(List.of("1"), TuskServer.rows(c,
                    "select id from ct where reca = array[row('x',1)::cpop, null, row(null,3)::cpop]"));
            assertEquals(List.of("3"), TuskServer.rows(c, "select (reca[3]).b from ct where id = 1"));
            try (Statement s = c.createStatement()) {
                s.execute("create type cholder as (i int, reca cpop[])");
            }
            assertEquals(List.of("{\"(x,1)\",\"(,)\"}"), TuskServer.rows(c, "select reca from json_populate_record("
                    + "null::cholder, '{\"reca\":[{\"a\":\"x\",\"b\":1},{}]}')"));
            // an array of records bigger than a page is compressed or stored out of line with its row
            try (Statement s = c.createStatement()) {
                s.execute("insert into ct select 5, array[row(repeat(md5('a'), 5000), 5)::cpop]");
                s.execute("insert into ct select 6, array[row(string_agg(md5(g::text), ''), 6)::cpop]"
                        + " from generate_series(1, 300) g");
            }
            assertEquals(List.of("5|160000|5", "6|9600|6"), TuskServer.rows(c,
                    "select id, length((reca[1]).a), (reca[1]).b from ct where id >= 5 order by id"));
        }
    }
}
