package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Column definition lists after functions returning record, VARIADIC and named arguments of
 * built-ins and pg_column_size, as a client sees them. Every expected row and message is
 * PostgreSQL 15's answer to the same statement.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RecordColumnListIT {
    private static void assertError(Connection c, String sql, String state, String message) {
        SQLException e = assertThrows(SQLException.class, () -> TuskServer.rows(c, sql));
        assertEquals(state, e.getSQLState());
        assertEquals(message, e.getMessage().lines().findFirst().orElse(""));
    }

    @Test
    void columnDefinitionLists() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            assertEquals(List.of("1|{1,2}|{\"x\": 3}|"), TuskServer.rows(c, "select * from json_to_record("
                    + "'{\"a\":1,\"b\":[1,2],\"c\":{\"x\":3}}') as x(a int, b int[], c jsonb, d text)"));
            assertEquals(List.of("1|", "|x"), TuskServer.rows(c,
                    "select * from jsonb_to_recordset('[{\"a\":1},{\"b\":\"x\"}]') as x(a int, b text)"));
            assertEquals(List.of("1"), TuskServer.rows(c,
                    "select a from json_populate_record(null::record, '{\"a\":1}') as (a int)"));
            assertEquals(List.of("2|y"), TuskServer.rows(c, "select * from rows from (json_to_record('{\"a\":2}') as (a int),"
                    + " jsonb_to_record('{\"b\":\"y\"}') as (b text))"));
            assertError(c, "select * from json_to_record('{\"a\":1}')", "42601",
                    "ERROR: a column definition list is required for functions returning \"record\"");
            assertError(c, "select * from json_array_length('[1]') as x(a int)", "42601",
                    "ERROR: a column definition list is only allowed for functions returning \"record\"");
            assertError(c, "select * from json_to_record('{\"a\":1}') as x(a int, a text)", "42701",
                    "ERROR: column name \"a\" specified more than once");
            assertError(c, "select * from rows from (json_to_record('{}'), json_to_record('{}')) as (a int)", "42601",
                    "ERROR: ROWS FROM() with multiple functions cannot have a column definition list");
            assertError(c, "select json_to_record('{\"a\":1}')", "0A000",
                    "ERROR: could not determine row type for result of json_to_record");
        }
    }

    @Test
    void variadicAndNamedArgumentsOfBuiltins() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            assertEquals(List.of("1|1|"), TuskServer.rows(c, "select json_extract_path('{\"a\":{\"b\":1}}', 'a', 'b'),"
                    + " jsonb_extract_path_text('{\"a\":{\"b\":1}}', variadic array['a','b']), json_extract_path('{\"a\":1}', '{a}')"));
            assertEquals(List.of("{\"b\": 2}|{\"b\": 2}"), TuskServer.rows(c,
                    "select jsonb_delete('{\"a\":1,\"b\":2,\"c\":3}', 'a', 'c'), jsonb_delete('{\"a\":1,\"b\":2}', 'a')"));
            assertEquals(List.of("{\"b\": 2}"), TuskServer.rows(c,
                    "select jsonb_set_lax('{\"a\":1,\"b\":2}', '{a}', null, null_value_treatment => 'delete_key')"));
            assertEquals(List.of("{a,b}|10 days|1 year 02:00:00"), TuskServer.rows(c,
                    "select parse_ident('a.b c', strict => false), make_interval(days => 10), make_interval(1, hours => 2)"));
            assertEquals(List.of("7|4|8||30"), TuskServer.rows(c, "select pg_column_size('abc'::text), pg_column_size(1),"
                    + " pg_column_size('{}'::jsonb), pg_column_size(null::int), pg_column_size(row(1,'a'))"));
        }
    }
}
