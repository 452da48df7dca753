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
 * Stored expressions and queries keep meaning the objects they named at creation, as
 * PostgreSQL's node trees of OIDs do: each kind is created under {@code search_path = s, public},
 * where s has f(int) = $1 * 10, then used under {@code search_path = public}, where another
 * f(int) = $1 * 1000 exists; results and the deparsed text (qualified where the current path does
 * not see the object) are PostgreSQL 15's.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StoredExpressionBindingIT {

    /** Schema s with f, g and an enum, created under path s, public; then public.f and path public. */
    private static void setUp(Statement s, String... ddlUnderS) throws SQLException {
        s.execute("create schema s");
        s.execute("set search_path = s, public");
        s.execute("create function f(int) returns int language sql immutable as 'select $1 * 10'");
        s.execute("create function g() returns int language sql as 'select 7'");
        s.execute("create type color as enum ('r', 'g')");
        for (String ddl : ddlUnderS) s.execute(ddl);
        s.execute("set search_path = public");
        s.execute("create function f(int) returns int language sql immutable as 'select $1 * 1000'");
    }

    @Test
    void checkConstraintsAndDefaultsKeepTheirFunctionsAndTypes() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
            setUp(s, "create table t (a int check (f(a) < 100), b int default g(), c color default 'g'::color)",
                    "alter table t add column d int default f(2)",
                    "alter table t alter column a set default f(0)",
                    "alter table t add constraint t_d check (d = f(2))");
            s.execute("insert into s.t (a) values (9)");
            s.execute("insert into s.t default values");
            SQLException e = assertThrows(SQLException.class, () -> s.execute("insert into s.t (a) values (10)"));
            assertEquals("ERROR: new row for relation \"t\" violates check constraint \"t_a_check\"\n"
                    + "  Detail: Failing row contains (10, 7, g, 20).", e.getMessage());
            assertEquals(List.of("0|7|g|20", "9|7|g|20"), TuskServer.rows(c, "select * from s.t order by a"));
            assertEquals(List.of("s.f(0)", "s.g()", "'g'::s.color", "s.f(2)"), TuskServer.rows(c,
                    "select pg_get_expr(adbin, adrelid) from pg_attrdef where adrelid = 's.t'::regclass order by adnum"));
            assertEquals(List.of("CHECK ((s.f(a) < 100))", "CHECK ((d = s.f(2)))"), TuskServer.rows(c,
                    "select pg_get_constraintdef(oid) from pg_constraint where conrelid = 's.t'::regclass order by conname"));
            // visible again: shown unqualified
            s.execute("set search_path = s, public");
            assertEquals(List.of("f(0)", "g()", "'g'::color", "f(2)"), TuskServer.rows(c,
                    "select pg_get_expr(adbin, adrelid) from pg_attrdef where adrelid = 's.t'::regclass order by adnum"));
        }
    }

    @Test
    void sequenceDefaultsDomainChecksAndArgumentDefaultsKeepTheirObjects() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
            setUp(s, "create sequence sq", "create table t (a int default nextval('sq'))",
                    "create domain small as int check (f(value) < 100)",
                    "create function h(x int default f(1)) returns int language sql return x");
            assertEquals(List.of("10"), TuskServer.rows(c, "select s.h()"));
            s.execute("insert into s.t default values");
            assertEquals(List.of("1"), TuskServer.rows(c, "select a from s.t"));
            assertEquals(List.of("nextval('s.sq'::regclass)"), TuskServer.rows(c,
                    "select pg_get_expr(adbin, adrelid) from pg_attrdef where adrelid = 's.t'::regclass"));
            assertEquals(List.of("9"), TuskServer.rows(c, "select 9::s.small"));
            SQLException e = assertThrows(SQLException.class, () -> s.execute("select 10::s.small"));
            assertEquals("ERROR: value for domain s.small violates check constraint \"small_check\"", e.getMessage());
        }
    }

    @Test
    void indexExpressionsAndPartitionKeysKeepTheirFunctions() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
            setUp(s, "create table t (a int, d int)",
                    "create index t_idx on t (f(a)) where f(d) > 0",
                    "create table tp (a int, b int) partition by range (f(a))",
                    "create table tp1 partition of tp for values from (0) to (50)");
            s.execute("insert into s.t values (5, 1)");
            s.execute("insert into s.tp values (3, 1)");
            assertEquals(List.of("3|1"), TuskServer.rows(c, "select * from s.tp1"));
            SQLException e = assertThrows(SQLException.class, () -> s.execute("insert into s.tp values (6, 1)"));
            assertEquals("ERROR: no partition of relation \"tp\" found for row\n"
                    + "  Detail: Partition key of the failing row contains (s.f(a)) = (60).", e.getMessage());
            assertEquals(List.of("CREATE INDEX t_idx ON s.t USING btree (s.f(a)) WHERE (s.f(d) > 0)"),
                    TuskServer.rows(c, "select pg_get_indexdef('s.t_idx'::regclass)"));
            assertEquals(List.of("RANGE (s.f(a))"), TuskServer.rows(c, "select pg_get_partkeydef('s.tp'::regclass)"));
        }
    }

    @Test
    void viewsAndMaterializedViewsKeepTheirFunctionsAndTables() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
            setUp(s, "create table t (a int)", "insert into t values (1), (2)",
                    "create view v as select a, f(a) as fa from t",
                    "create materialized view mv as select a, f(a) as fa from t");
            // a same-named table in public must not take the place of s.t
            s.execute("create table public.t (a int)");
            // nor an aggregate of public the one of s, called plainly or as a window function
            s.execute("create function s.add2(int, int) returns int language sql immutable as 'select $1 + $2'");
            s.execute("create aggregate s.mysum(int) (sfunc = s.add2, stype = int, initcond = '0')");
            s.execute("set search_path = s, public");
            s.execute("create view va as select mysum(a) as s1 from t");
            s.execute("create view vw as select a, mysum(f(a)) over (order by a) as s2 from t");
            s.execute("set search_path = public");
            s.execute("create function add2(int, int) returns int language sql immutable as 'select $1 * $2'");
            s.execute("create aggregate mysum(int) (sfunc = add2, stype = int, initcond = '1')");
            assertEquals(List.of("3"), TuskServer.rows(c, "select * from s.va"));
            assertEquals(List.of("1|10", "2|30"), TuskServer.rows(c, "select * from s.vw order by a"));
            assertEquals(List.of(" SELECT t.a,\n    s.mysum(s.f(t.a)) OVER (ORDER BY t.a) AS s2\n   FROM s.t;"),
                    TuskServer.rows(c, "select pg_get_viewdef('s.vw'::regclass)"));
            s.execute("insert into s.t values (3)");
            assertEquals(List.of("1|10", "2|20", "3|30"), TuskServer.rows(c, "select * from s.v order by a"));
            s.execute("refresh materialized view s.mv");
            assertEquals(List.of("1|10", "2|20", "3|30"), TuskServer.rows(c, "select * from s.mv order by a"));
            assertEquals(List.of(" SELECT t.a,\n    s.f(t.a) AS fa\n   FROM s.t;"),
                    TuskServer.rows(c, "select pg_get_viewdef('s.v'::regclass)"));
            s.execute("set search_path = s, public");
            assertEquals(List.of(" SELECT t.a,\n    f(t.a) AS fa\n   FROM t;"),
                    TuskServer.rows(c, "select pg_get_viewdef('s.mv'::regclass)"));
        }
    }

    @Test
    void ruleActionsAndSqlStandardBodiesKeepTheirFunctionsAndTables() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
            setUp(s, "create table t (a int)", "create table r (a int)",
                    "create rule rr as on insert to r where f(new.a) > 0 do also insert into t values (f(new.a))",
                    "create function body(x int) returns int language sql return f(x) + 1",
                    "create function total() returns bigint language sql begin atomic select sum(a) from t; end");
            s.execute("create table public.t (a int)");
            s.execute("insert into s.r values (4)");
            assertEquals(List.of("40"), TuskServer.rows(c, "select a from s.t"));
            assertEquals(List.of("0"), TuskServer.rows(c, "select count(*) from public.t"));
            assertEquals(List.of("21|40"), TuskServer.rows(c, "select s.body(2), s.total()"));
            assertEquals(List.of("CREATE OR REPLACE FUNCTION s.body(x integer)\n RETURNS integer\n LANGUAGE sql\n"
                    + "RETURN (s.f(x) + 1)\n"), TuskServer.rows(c, "select pg_get_functiondef('s.body'::regproc)"));
        }
    }
}
