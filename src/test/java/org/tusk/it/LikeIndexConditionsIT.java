package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * LIKE and ILIKE with a constant prefix as B-tree index conditions (like_support.c
 * match_pattern_prefix), through a real server: the plans PostgreSQL 15 shows for a C-collation
 * text index, a default-collation one (only an exact pattern, as =), a text_pattern_ops one
 * (~>=~ ~<~) and a name index (name >= text), and the rows the scans return.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LikeIndexConditionsIT {
    static TuskServer server;

    private static final List<String> K19 = List.of("k19", "k190", "k191", "k192", "k193", "k194", "k195", "k196",
            "k197", "k198", "k199");

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table lk (c text collate \"C\", d text, p text, n name)");
            s.execute("create index lk_c on lk (c)");
            s.execute("create index lk_d on lk (d)");
            s.execute("create index lk_p on lk (p text_pattern_ops)");
            s.execute("create index lk_n on lk (n)");
            s.execute("create table lkb (b char(4))");
            s.execute("insert into lk select 'k' || g, 'k' || g, 'k' || g, 'k' || g from generate_series(1, 200) g");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static String plan(Connection c, String q) throws SQLException {
        return String.join("\n", Jdbc.rowsShowingNull(c, "explain (costs off) " + q));
    }

    private static Connection indexScans() throws SQLException {
        Connection c = server.connect();
        try (Statement s = c.createStatement()) {
            s.execute("set enable_seqscan = off");
            s.execute("set enable_bitmapscan = off");
        }
        return c;
    }

    @Test
    void prefixOfACCollationColumnIsARange() throws Exception {
        try (Connection c = indexScans()) {
            assertEquals("""
                    Index Only Scan using lk_c on lk
                      Index Cond: ((c >= 'k1_0'::text) AND (c < 'k1_1'::text))
                      Filter: (c ~~ 'k1\\_0%'::text)""", plan(c, "select c from lk where c like 'k1\\_0%'"));
            assertEquals("""
                    Index Only Scan using lk_c on lk
                      Index Cond: ((c >= 'k19'::text) AND (c < 'k1:'::text))
                      Filter: (c ~~ 'k19%'::text)""", plan(c, "select c from lk where c like 'k19%'"));
            assertEquals(K19, Jdbc.rowsShowingNull(c, "select c from lk where c like 'k19%' order by 1"));
        }
    }

    @Test
    void likeOnCharacterMatchesThePaddedValue() throws Exception {
        try (Connection c = server.connect()) {
            // bpcharlike (textlike on the blank-padded string), not LIKE on the value cast to text
            assertEquals(List.of("f|t|t|f|t"), Jdbc.rowsShowingNull(c, "select 'foo'::char(4) like 'foo', "
                    + "'foo'::char(4) like 'foo_', 'foo'::char(4) ilike 'FOO %', 'foo'::char(4) not like 'foo%', "
                    + "'foo'::char(4) not ilike 'FOO'"));
            assertEquals("""
                    Seq Scan on lkb
                      Filter: (b ~~ 'foo'::text)""", plan(c, "select * from lkb where b like 'foo'"));
        }
    }

    @Test
    void defaultCollationIndexTakesOnlyAnExactPattern() throws Exception {
        try (Connection c = indexScans()) {
            assertEquals("""
                    Index Only Scan using lk_d on lk
                      Index Cond: (d = 'k19'::text)
                      Filter: (d ~~ 'k19'::text)""", plan(c, "select d from lk where d like 'k19'"));
            assertEquals(List.of("k19"), Jdbc.rowsShowingNull(c, "select d from lk where d like 'k19'"));
        }
    }

    @Test
    void patternOpsIndexUsesThePatternOperators() throws Exception {
        try (Connection c = indexScans()) {
            assertEquals("""
                    Index Only Scan using lk_p on lk
                      Index Cond: ((p ~>=~ 'k19'::text) AND (p ~<~ 'k1:'::text))
                      Filter: (p ~~ 'k19%'::text)""", plan(c, "select p from lk where p like 'k19%'"));
            assertEquals(K19, Jdbc.rowsShowingNull(c, "select p from lk where p like 'k19%' order by 1"));
            // the family's own operators are index conditions, commuted to put the column first
            assertEquals("""
                    Index Only Scan using lk_p on lk
                      Index Cond: (p ~<~ 'k11'::text)""", plan(c, "select p from lk where 'k11' ~>~ p"));
            assertEquals(List.of("12"), Jdbc.rowsShowingNull(c, "select count(*) from lk where 'k11' ~>~ p"));
            assertEquals(List.of("13"), Jdbc.rowsShowingNull(c, "select count(*) from lk where p ~<=~ 'k11'"));
        }
    }

    @Test
    void nameColumnIsComparedWithTextAndIlikeStopsAtALetter() throws Exception {
        try (Connection c = indexScans()) {
            assertEquals("""
                    Index Only Scan using lk_n on lk
                      Index Cond: ((n >= 'k19'::text) AND (n < 'k1:'::text))
                      Filter: (n ~~ 'k19%'::text)""", plan(c, "select n from lk where n like 'k19%'"));
            assertEquals(K19, Jdbc.rowsShowingNull(c, "select n from lk where n like 'k19%' order by 1"));
            assertEquals("""
                    Index Only Scan using lk_n on lk
                      Index Cond: ((n >= '19'::text) AND (n < '1:'::text))
                      Filter: (n ~~* '19%'::text)""", plan(c, "select n from lk where n ilike '19%'"));
            assertEquals(List.of("k19"), Jdbc.rowsShowingNull(c, "select n from lk where n ilike 'K19'"));
        }
    }

    @Test
    void bitmapScanKeepsTheLikeAsAFilter() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("set enable_seqscan = off");
            s.execute("set enable_indexscan = off");
            assertEquals("""
                    Bitmap Heap Scan on lk
                      Filter: (c ~~ 'k19%'::text)
                      ->  Bitmap Index Scan on lk_c
                            Index Cond: ((c >= 'k19'::text) AND (c < 'k1:'::text))""", plan(c, "select * from lk where c like 'k19%'"));
            assertEquals(K19, Jdbc.rowsShowingNull(c, "select c from lk where c like 'k19%' order by 1"));
        }
    }
}
