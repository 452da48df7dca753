package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An index on a text column with bpchar_ops (an operator class of a type text is
 * binary-coercible to, as ResolveOpClass allows): it orders and compares its keys as bpchar
 * (trailing blanks insignificant), so only {@code (f1)::bpchar} comparisons and LIKE prefixes
 * use it, never text's {@code =} or text's ORDER BY; pg_get_indexdef names the class. A LIKE
 * prefix on a char(n) index column becomes bpchar bounds. Expected values are PostgreSQL 15's.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BinaryCoercibleOpclassIT {

    @Test
    void bpcharOpsOnTextColumn() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table bt (f1 text collate \"C\")");
                s.execute("create index bt_f1 on bt (f1 bpchar_ops)");
                s.execute("insert into bt values ('foo'), ('fool'), ('bar'), ('quux'), ('foo '), ('foo  '), (E'foo\\x01'), ('fo')");
                s.execute("insert into bt select 'z' || g from generate_series(1, 500) g");
                s.execute("analyze bt");
            }
            assertEquals(List.of("CREATE INDEX bt_f1 ON public.bt USING btree (f1 bpchar_ops)"),
                    TuskServer.rows(c, "select pg_get_indexdef('bt_f1'::regclass)"));
            // text's operators are not in the bpchar family: no index
            assertEquals(List.of("Seq Scan on bt", "  Filter: (f1 ~~ 'foo%'::text)"),
                    TuskServer.rows(c, "explain (costs off) select * from bt where f1 like 'foo%'"));
            // PostgreSQL 15 takes a Bitmap Heap Scan over bt_f1 here (it estimates the range at 5
            // rows from f1's histogram, we at 1, so our index-only scan costs the same as the
            // bitmap and keeps its order); either way the bpchar bounds are the index condition
            String like = String.join("\n", TuskServer.rows(c, "explain (costs off) select * from bt where f1::bpchar like 'foo%'"));
            assertTrue(like.contains("Filter: ((f1)::bpchar ~~ 'foo%'::text)")
                    && like.contains("bt_f1") && like.contains(
                    "Index Cond: (((f1)::bpchar >= 'foo'::bpchar) AND ((f1)::bpchar < 'fop'::bpchar))"), like);
            assertEquals(List.of("[foo\u0001]", "[foo  ]", "[foo ]", "[foo]", "[fool]"),
                    TuskServer.rows(c, "select '[' || f1 || ']' from bt where f1::bpchar like 'foo%' order by 1"));
            try (Statement s = c.createStatement()) {
                s.execute("set enable_seqscan = off");
                s.execute("set enable_bitmapscan = off");
            }
            // bpchar equality through the index finds the blank-padded values too
            assertEquals(List.of("3"), TuskServer.rows(c, "select count(*) from bt where f1::bpchar = 'foo'"));
            assertTrue(TuskServer.rows(c, "explain (costs off) select count(*) from bt where f1::bpchar = 'foo'")
                    .contains("        Index Cond: ((f1)::bpchar = 'foo'::bpchar)"));
            // text equality and text order do not use it (they would see bpchar's)
            assertEquals(List.of("1"), TuskServer.rows(c, "select count(*) from bt where f1 = 'foo'"));
            assertTrue(TuskServer.rows(c, "explain (costs off) select f1 from bt where f1 < 'foo ' order by f1").get(0)
                    .equals("Sort"));
            assertEquals(List.of("bar", "fo", "foo", "foo\u0001"),
                    TuskServer.rows(c, "select f1 from bt where f1 < 'foo ' order by f1"));
            // a unique bpchar_ops index counts 'foo' and 'foo ' as duplicates
            SQLException e = assertThrows(SQLException.class, () -> {
                try (Statement s = c.createStatement()) {
                    s.execute("create unique index bt_u on bt (f1 bpchar_pattern_ops)");
                }
            });
            assertEquals("23505", e.getSQLState());
            // integer is not coercible to bpchar; partition keys take only the column type's classes
            e = assertThrows(SQLException.class, () -> {
                try (Statement s = c.createStatement()) {
                    s.execute("create table bi (i int); create index on bi (i bpchar_ops)");
                }
            });
            assertTrue(e.getMessage().contains("operator class \"bpchar_ops\" does not accept data type integer"), e.getMessage());
        }
    }

    @Test
    void likePrefixOnCharColumn() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table bc (f1 char(5) collate \"C\")");
                s.execute("create index bc_f1 on bc (f1)");
                s.execute("insert into bc select g::text from generate_series(1, 1000) g");
                s.execute("insert into bc values ('foo'), ('fool'), ('fop')");
                s.execute("analyze bc");
                s.execute("set enable_seqscan = off");
            }
            List<String> plan = TuskServer.rows(c, "explain (costs off) select * from bc where f1 like 'foo%'");
            assertTrue(plan.stream().anyMatch(l -> l.contains("Index Cond: ((f1 >= 'foo'::bpchar) AND (f1 < 'fop'::bpchar))")),
                    plan.toString());
            assertEquals(List.of("foo  ", "fool "), TuskServer.rows(c, "select * from bc where f1 like 'foo%' order by 1"));
        }
    }
}
