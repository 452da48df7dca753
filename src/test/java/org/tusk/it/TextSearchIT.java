package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Full-text search end to end: a table with a tsvector column kept up to date by
 * tsvector_update_trigger, @@ queries ranked by ts_rank, the values surviving a restart (so read
 * back from their stored form), a btree index on tsvector, binary results, and psql's \dF+.
 * Expected values are PostgreSQL 15's answers to the same statements.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TextSearchIT {
    @Test
    void triggerMaintainedTsvectorColumn() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("create table docs (id int, title text, body text, tsv tsvector)");
                s.execute("create trigger tsvupd before insert or update on docs for each row execute procedure"
                        + " tsvector_update_trigger(tsv, 'pg_catalog.english', title, body)");
                s.execute("insert into docs (id, title, body) values (1, 'Fat cats', 'The fat cat ate a rat'),"
                        + " (2, 'Rats', 'rats and rats and more rats'), (3, 'Dogs', null)");
                s.execute("update docs set body = 'a fat dog' where id = 3");
                s.execute("create index docs_tsv on docs (tsv)");
            }
            server.stop("fast");
            server.startAgain();
            try (Connection c = server.connect()) {
                assertEquals(List.of("1|'ate':6 'cat':2,5 'fat':1,4 'rat':8", "2|'rat':1,2,4,7",
                        "3|'dog':1,4 'fat':3"), TuskServer.rows(c, "select id, tsv from docs order by id"));
                assertEquals(List.of("1|0.54314625", "3|1e-20"), TuskServer.rows(c,
                        "select id, ts_rank(tsv, q) from docs, to_tsquery('english', 'fat & (rat | cat)') q"
                                + " where tsv @@ to_tsquery('english', 'fat') order by ts_rank(tsv, q) desc, id"));
                assertEquals(List.of("2"), TuskServer.rows(c, "select id from docs where tsv = 'rat:1,2,4,7'::tsvector"));
                try (PreparedStatement ps = c.prepareStatement("select tsv, to_tsquery('english', 'cats <-> ate')"
                        + " from docs where id = ?")) {
                    ps.setInt(1, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals("'ate':6 'cat':2,5 'fat':1,4 'rat':8", rs.getString(1));
                        assertEquals("'cat' <-> 'ate'", rs.getString(2));
                    }
                }
            }
            ProcessResult r = server.psql("127.0.0.1", "\\dF+ english");
            String out = r.output();
            assertTrue(out.contains("asciiword|english_stem\n"), out);
            assertTrue(out.contains("url_path|simple\n"), out);
            assertEquals(19, out.lines().filter(l -> l.contains("|")).count(), out);
            ProcessResult list = server.psql("127.0.0.1", "\\dF");
            assertEquals(List.of("pg_catalog|english|", "pg_catalog|simple|"), list.output().lines().toList());
        }
    }
}
