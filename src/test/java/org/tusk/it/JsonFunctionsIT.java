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
 * The json/jsonb processing functions as a client sees them: json[b]_populate_record(set) into
 * a composite type (in FROM, expanded to its columns), json_object, the jsonb operator
 * functions, jsonb_set_lax, the jsonb casts and VARIADIC json_build_object. Every expected row
 * and message is PostgreSQL 15's answer to the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class JsonFunctionsIT {
    @Test
    void jsonProcessingFunctions() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create type itpop as (a text, b int, c int[])");
            }
            assertEquals(List.of("blurfl|3|{{1,2},{3,4}}"), TuskServer.rows(c, "select * from json_populate_record("
                    + "row('x',3,'{1}')::itpop, '{\"a\":\"blurfl\",\"c\":[[1,2],[3,4]]}') q"));
            assertEquals(List.of("1|2|", "|3|"), TuskServer.rows(c,
                    "select * from jsonb_populate_recordset(null::itpop, '[{\"a\":1,\"b\":\"2\"},{\"b\":3}]') q"));
            assertEquals(List.of("{\"a\" : \"1\", \"b\" : null}"), TuskServer.rows(c, "select json_object('{a,1,b,NULL}')"));
            assertEquals(List.of("{\"a\": \"3\", \"b\": \"2\"}"), TuskServer.rows(c, "select jsonb_object('{a,b,a}','{1,2,3}')"));
            assertEquals(List.of("12345|t|t"), TuskServer.rows(c,
                    "select '12345.05'::jsonb::int4, '\"x\"'::jsonb ? 'x', jsonb_exists_any('{\"a\":1}', '{b,a}')"));
            assertEquals(List.of("{\"b\": 2}"), TuskServer.rows(c,
                    "select jsonb_set_lax('{\"a\":1,\"b\":2}', '{a}', null, true, 'delete_key')"));
            assertEquals(List.of("{\"a\" : \"1\", \"b\" : \"2\"}"),
                    TuskServer.rows(c, "select json_build_object(VARIADIC '{a,1,b,2}'::text[])"));
            SQLException e = assertThrows(SQLException.class,
                    () -> TuskServer.rows(c, "select jsonb_populate_record(null::itpop, '{\"c\":[[1],2]}')"));
            assertEquals("22023", e.getSQLState());
            assertEquals("ERROR: expected JSON array\n  Hint: See the array element [1] of key \"c\".", e.getMessage());
            e = assertThrows(SQLException.class, () -> TuskServer.rows(c, "select '{}'::jsonb::numeric"));
            assertEquals("22023", e.getSQLState());
            assertEquals("ERROR: cannot cast jsonb object to type numeric", e.getMessage());
        }
    }

    /** json answers from its text: operators return slices as written; json_agg puts rows on new lines. */
    /** A value of pseudo-type anyarray (pg_stats) converts as the array of the element type it carries. */
    @Test
    void anyarrayStatisticsToJson() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table jrows as select x, 'txt' || x as y from generate_series(1, 3) as x");
                s.execute("analyze jrows");
            }
            assertEquals(List.of("x|[1,2,3]|[1, 2, 3]", "y|[\"txt1\",\"txt2\",\"txt3\"]|[\"txt1\", \"txt2\", \"txt3\"]"),
                    TuskServer.rows(c, "select attname, to_json(histogram_bounds), to_jsonb(histogram_bounds) from pg_stats"
                            + " where tablename = 'jrows' order by 1"));
        }
    }

    @Test
    void jsonTextSlicesAndAggregateLayout() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            assertEquals(List.of("{\"b\":{\"c\": \"foo\"}}|[1,2]|x|"), TuskServer.rows(c,
                    "select '{\"a\": {\"b\":{\"c\": \"foo\"}}}'::json -> 'a', '[0, [1,2]]'::json ->> -1,"
                    + " json_extract_path_text('{\"k\":\"x\"}', 'k'), '{\"n\": null}'::json #>> '{n}'"));
            assertEquals(List.of("{\"a\":1,\"c\":[2,null]}"),
                    TuskServer.rows(c, "select json_strip_nulls('{\"a\": 1, \"b\": null, \"c\": [2, null]}')"));
            assertEquals(List.of("[{\"x\":1}, \n {\"x\":2}]|[1, 2]"), TuskServer.rows(c,
                    "select json_agg(q), json_agg(x) from (values (1), (2)) q(x)"));
            assertEquals(List.of("9.999999999999999e+22|5e-324"), TuskServer.rows(c, "select 1e23::float8, 5e-324::float8"));
        }
    }
}
