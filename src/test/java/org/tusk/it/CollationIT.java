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
 * COLLATE through a running server: column collations in pg_attribute, index collations and
 * their deparse, COLLATE in expressions and views, and the errors of parse_collate.c and
 * MergeAttributes. Expected values are PostgreSQL 15's answers to the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CollationIT {
    private static String state(Connection c, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        });
        return e.getSQLState() + " " + e.getMessage().lines().findFirst().orElse("");
    }

    @Test
    void collationsOfColumnsIndexesAndExpressions() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table ct (a text collate \"C\", b text collate \"POSIX\", c text, d int)");
                s.execute("insert into ct values ('b', 'x', 'q', 1), ('a', 'y', 'r', 2)");
                s.execute("create index cti2 on ct (b collate \"C\")");
                s.execute("create index cti3 on ct (c) where c > 'x' collate \"C\"");
                s.execute("create index cti4 on ct ((c || 'z' collate \"POSIX\"))");
                s.execute("create view ctv as select a, c collate \"POSIX\" as cc from ct");
            }
            assertEquals(List.of("a|950", "b|951", "c|100", "d|0"), TuskServer.rows(c, "select attname, attcollation"
                    + " from pg_attribute where attrelid = 'ct'::regclass and attnum > 0 order by attnum"));
            assertEquals(List.of("a|C", "b|POSIX"), TuskServer.rows(c, "select a.attname, co.collname from pg_attribute a"
                    + " join pg_collation co on co.oid = a.attcollation where attrelid = 'ct'::regclass"
                    + " and a.attcollation <> 100 order by 1"));
            assertEquals(List.of("CREATE INDEX cti2 ON public.ct USING btree (b COLLATE \"C\")"),
                    TuskServer.rows(c, "select pg_get_indexdef('cti2'::regclass)"));
            assertEquals(List.of("CREATE INDEX cti3 ON public.ct USING btree (c) WHERE (c > ('x'::text COLLATE \"C\"))"),
                    TuskServer.rows(c, "select pg_get_indexdef('cti3'::regclass)"));
            assertEquals(List.of("951"), TuskServer.rows(c,
                    "select indcollation::text from pg_index where indexrelid = 'cti4'::regclass"));
            assertEquals(List.of(" SELECT ct.a,\n    (ct.c COLLATE \"POSIX\") AS cc\n   FROM ct;"),
                    TuskServer.rows(c, "select pg_get_viewdef('ctv')"));
            assertEquals(List.of("a|r", "b|q"), TuskServer.rows(c, "select a collate \"C\", cc from ctv order by 1"));
            assertEquals(List.of("t"), TuskServer.rows(c, "select 'a' collate \"POSIX\" < 'b'"));

            assertEquals("42804 ERROR: collations are not supported by type integer",
                    state(c, "create table bad (x int collate \"C\")"));
            assertEquals("42704 ERROR: collation \"nope\" for encoding \"UTF8\" does not exist",
                    state(c, "create table bad (x text collate \"nope\")"));
            assertEquals("42804 ERROR: collations are not supported by type integer", state(c, "select 1 collate \"C\""));
            assertEquals("42P21 ERROR: collation mismatch between explicit collations \"C\" and \"POSIX\"",
                    state(c, "select 'a' collate \"C\" < 'b' collate \"POSIX\""));
            assertEquals("42P21 ERROR: column \"a\" has a collation conflict",
                    state(c, "create table ch2 (a text collate \"POSIX\") inherits (ct)"));
            try (Statement s = c.createStatement()) {
                s.execute("create table ctl (like ct)");
                s.execute("create table ch (c text collate \"C\", e text)");
                s.execute("alter table ch alter column e type varchar(5) collate \"POSIX\"");
                s.execute("create unique index ctu on ct (c collate \"POSIX\")");
            }
            assertEquals(List.of("950", "951"), TuskServer.rows(c, "select attcollation from pg_attribute"
                    + " where attrelid = 'ctl'::regclass and attnum in (1, 2) order by attnum"));
            assertEquals(List.of("951"), TuskServer.rows(c, "select attcollation from pg_attribute"
                    + " where attrelid = 'ch'::regclass and attname = 'e'"));
            assertEquals("42P21 ERROR: inherited column \"c\" has a collation conflict",
                    state(c, "create table ch3 () inherits (ct, ch)"));
            assertEquals("42809 ERROR: index \"ctu\" column number 1 does not have default sorting behavior",
                    state(c, "alter table ct add constraint ctu_c unique using index ctu"));
        }
    }

    @Test
    void collationForNamesTheInputCollationOfTheCall() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table cf (a text collate \"C\", b text, \"grouping\" int)");
                s.execute("insert into cf values ('x', 'y', 1)");
                s.execute("create view cfv as select \"grouping\" as \"grouping\", a as \"int\" from cf");
            }
            // an unknown literal has no collation; keywords (default) and upper case are quoted
            assertEquals(List.of("null|\"default\"|\"C\"|\"C\""), TuskServer.rows(c,
                    "select coalesce(pg_collation_for('foo'), 'null'), pg_collation_for('foo'::text), "
                            + "pg_collation_for('a'::name), pg_collation_for(a) from cf"));
            // COLLATE inside an aggregate decides the aggregate's collation
            assertEquals(List.of("\"POSIX\"|\"C\""), TuskServer.rows(c,
                    "select pg_collation_for(percentile_disc(1) within group (order by b collate \"POSIX\")), "
                            + "pg_collation_for(min(a || b)) from cf"));
            // a non-collatable argument is an error when the function runs, not before
            assertEquals("42804 ERROR: collations are not supported by type integer", state(c, "select pg_collation_for(1)"));
            assertEquals(List.of(), TuskServer.rows(c, "select pg_collation_for(1) from cf where false"));
            // column-name keywords are quoted in deparsed SQL, as quote_identifier does
            assertEquals(List.of(" SELECT cf.\"grouping\",\n    cf.a AS \"int\"\n   FROM cf;"),
                    TuskServer.rows(c, "select pg_get_viewdef('cfv')"));
        }
    }
}
