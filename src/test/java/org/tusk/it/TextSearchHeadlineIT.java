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
 * ts_headline over text, json and jsonb columns, websearch_to_tsquery as a search box would use
 * it, ts_rewrite, field selection from jsonb_each and json(b)_build_object's key checks, end to end
 * through the wire protocol. Expected values are PostgreSQL 15's answers to the same statements.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TextSearchHeadlineIT {
    @Test
    void headlinesSearchAndRewrite() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table docs (id int, body text, j jsonb, t json)");
            s.execute("insert into docs values (1, 'The fat cat ate a rat', '{\"a\": \"fat cats\", \"n\": 1}',"
                    + " '{\"a\" : \"fat cats\", \"n\" : 1.0}'), (2, 'rats and more rats', '[\"no\"]', '[\"no\"]')");
            assertEquals(List.of("1|The <b>fat</b> <b>cat</b> ate a rat"), TuskServer.rows(c,
                    "select id, ts_headline('english', body, q) from docs, websearch_to_tsquery('english', '\"fat cat\"') q"
                            + " where to_tsvector('english', body) @@ q"));
            assertEquals(List.of("1|{\"a\": \"<<fat>> cats\", \"n\": 1}|{\"a\":\"<<fat>> cats\",\"n\":1.0}",
                    "2|[\"no\"]|[\"no\"]"), TuskServer.rows(c, "select id, ts_headline(j, to_tsquery('fat'), 'StartSel=<<, StopSel=>>'),"
                            + " ts_headline(t, to_tsquery('fat'), 'StartSel=<<, StopSel=>>') from docs order by id"));
            assertEquals(List.of("'cat' & !'rat' | 'dog'"), TuskServer.rows(c,
                    "select websearch_to_tsquery('english', 'cats -rats or dogs')"));
            assertEquals(List.of("2"), TuskServer.rows(c,
                    "select id from docs where to_tsvector('english', body) @@ websearch_to_tsquery('english', 'rat -cat')"));
            assertEquals(List.of("'foo' & ( 'nyc' | 'big' & 'apple' )"), TuskServer.rows(c,
                    "select ts_rewrite('foo & new & york'::tsquery, 'new & york', 'big & apple | nyc')"));
            assertEquals(List.of("a|1", "n|1"), TuskServer.rows(c,
                    "select key, count(*) from (select (jsonb_each(j)).key from docs where id = 1) w group by key order by key"));
            SQLException e = assertThrows(SQLException.class, () -> TuskServer.rows(c, "select jsonb_build_object(null, 2)"));
            assertEquals("22023", e.getSQLState());
            assertEquals(true, e.getMessage().contains("argument 1: key must not be null"), e.getMessage());
        }
    }
}
