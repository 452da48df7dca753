package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Set-returning functions through a running server over tables stored on disk: functions in
 * FROM joined laterally to a table, WITH ORDINALITY, several sets in the select list in lock
 * step, timestamptz series in the session's time zone, and a huge series cut short by LIMIT.
 * Every expected row and message is PostgreSQL 15's answer to the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SrfIT {
    @Test
    void setReturningFunctionsOverStoredTables() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table docs (id int primary key, body jsonb, tags text[])");
                s.execute("insert into docs values (1, '{\"title\": \"a\", \"n\": 2}', '{x,y}'), (2, '{\"title\": \"b\"}', '{z}'),"
                        + " (3, '[1, 2]', '{}')");
            }
            assertEquals(List.of("1|n|2", "1|title|\"a\"", "2|title|\"b\""), TuskServer.rows(c, "select d.id, k.key, k.value"
                    + " from docs d, jsonb_each(d.body) k where jsonb_typeof(d.body) = 'object' order by 1, 2"));
            assertEquals(List.of("1|x|1", "1|y|2", "2|z|1"),
                    TuskServer.rows(c, "select id, tag, n from docs, unnest(tags) with ordinality as u(tag, n) order by id, n"));
            assertEquals(List.of("1|x|1", "1|y|2", "1||3", "2|z|1", "2||2", "2||3", "3||1", "3||2", "3||3"),
                    TuskServer.rows(c, "select id, unnest(tags) as tag, generate_series(1, 3) as g from docs order by id, g"));
            assertEquals(List.of("10"), TuskServer.rows(c, "select sum(x) from docs, generate_series(1, id) x"));
            try (Statement s = c.createStatement()) {
                s.execute("set timezone = 'America/New_York'");
            }
            assertEquals(List.of("2021-03-13 12:00:00-05", "2021-03-14 12:00:00-04", "2021-03-15 12:00:00-04"), TuskServer.rows(c,
                    "select * from generate_series('2021-03-13 12:00'::timestamptz, '2021-03-15 12:00', '1 day')"));
            assertEquals(List.of("1000", "2000"),
                    TuskServer.rows(c, "select g from generate_series(1, 2000000000) g where g % 1000 = 0 limit 2"));
            SQLException e = assertThrows(SQLException.class, () -> TuskServer.rows(c, "select generate_series(1, 3, 0)"));
            assertEquals("22023", e.getSQLState());
            assertEquals("ERROR: step size cannot equal zero", e.getMessage());
        }
    }
    @Test
    void volatileEntriesRunPerRowAndInsertsSingleValuesRowMaySpreadASet() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create sequence srf_sq");
                s.execute("create table srf_t (a int, b text default 'd', c int generated always as identity)");
            }
            // nodeProjectSet.c evaluates a non-set entry at every step, so nextval advances per row
            assertEquals(List.of("1|1", "2|2", "3|3"), TuskServer.rows(c, "select generate_series(1, 3), nextval('srf_sq')"));
            // transformInsertStmt: the only VALUES row is a select list, where a set-returning function is allowed
            assertEquals(List.of("1|d|1", "2|d|2", "3|d|3"),
                    TuskServer.rows(c, "insert into srf_t values (generate_series(1, 3)) returning *"));
            assertEquals(List.of("1|d|4", "2|d|5"),
                    TuskServer.rows(c, "insert into srf_t values (generate_series(1, 2), default, default) returning *"));
            SQLException e = assertThrows(SQLException.class,
                    () -> TuskServer.rows(c, "insert into srf_t (a) values (generate_series(1, 2)), (5)"));
            assertEquals("0A000", e.getSQLState());
            assertEquals("ERROR: set-returning functions are not allowed in VALUES\n  Position: 31", e.getMessage());
        }
    }
}
